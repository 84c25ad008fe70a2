"""The eig-wizard command line."""
