"""What is known about licences: expressions, categories, messy text, compatibility."""
