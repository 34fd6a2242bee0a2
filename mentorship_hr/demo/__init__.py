"""The demo data set and its clean-up."""
