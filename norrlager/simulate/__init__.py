"""The simulated source systems of the demo region (Region Norrbotten)."""
