"""What each page template needs, built from the rules, the answers and the result."""
