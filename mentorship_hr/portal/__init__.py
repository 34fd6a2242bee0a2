"""My Mentoring: the participants' portal at /mentoring (frontend/), and what it reads."""
