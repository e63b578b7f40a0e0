"""PostgreSQL backend that starts the embedded server at the first connection.

Development machines without ``DATABASE_URL`` use it. Starting the server lazily means
that commands which never touch the database (``compilemessages``, ``check``,
``collectstatic``) do not start one.
"""
