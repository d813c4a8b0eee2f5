"""Statistics Sweden's population and the national patient survey (barometer)."""
