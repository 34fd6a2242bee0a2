"""Getting pairs together: enrollment, bulk matching, self-select requests and the rules every pairing keeps."""
