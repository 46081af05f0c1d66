"""Programme evaluation (pre/pulse/end surveys with k-anonymous, frozen results) and programme health."""
