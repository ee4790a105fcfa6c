"""Study-abroad listings (institutions, programs, homestays) arrive in a later issue."""
