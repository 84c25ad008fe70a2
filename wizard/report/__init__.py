"""The summary report: its content from a result, its chart and QR code, its PDF."""
