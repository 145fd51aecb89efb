"""Use-case services: the business steps of the register, called by views, CLI and demo alike."""
