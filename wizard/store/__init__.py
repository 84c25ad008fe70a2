"""The store: the database, the drafts of answers in progress, the saved assessments."""
