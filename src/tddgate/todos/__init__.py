"""Todo state from every source the agent may use."""
