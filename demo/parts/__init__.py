"""One module per part of the demo, each with build(demo, rng); demo.company.PARTS runs them."""
