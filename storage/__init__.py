"""SQLAlchemy models, session factory and repository functions: all SQL lives here."""
