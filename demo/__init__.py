"""The demo company, Kestrel Foods: a Warsaw food producer and half a year of its requests, for
`make demo` (`manage.py load_demo`), the screenshots and the browser tests.

Kept out of the domain apps: it builds rows of departments, desk and feedback, and none of them
knows it exists. The parts:
- data/: the data, one YAML file per part, Polish beside English where pages show it;
- parts/: one builder per part (organisation, requests, feedback), each a `build(demo, rng)`;
- company.py: the parts in order (PARTS), the report cells last, and load, check, delete, logins;
- common.py: what the parts share (the anchor, the seed, the domain, emails);
- management/commands/load_demo.py: the command.

Adding a part (approvals, effort, articles, surveys, kudos, ...): its data in data/<part>.yaml,
read and checked in data/__init__.py; its builder in parts/<part>.py with build(demo, rng),
keeping what it made on company.Demo; an entry in company.PARTS after the parts it needs; its
tests in tests/demo/. Its rows should hang on the demo's departments, people or requests, so that
demo_delete (which deletes those) takes them along; otherwise delete them there.
"""
