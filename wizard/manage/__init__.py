"""The portfolio managers' area (/gestion): accounts, views, forms, export."""
