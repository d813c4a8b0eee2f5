"""The patient administration system: contacts, admissions, operations, prescriptions,
accessibility and waiting lists."""
