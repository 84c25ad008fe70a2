"""The web wizard: blueprints, forms, page contexts, DSFR helpers, security headers, error pages."""
