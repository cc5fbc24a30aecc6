"""Settings package: ``base`` holds everything, the other modules adjust it.

- ``dev``: local development (``make run``), DEBUG on by default.
- ``test``: the pytest suite.
- ``production``: gunicorn in a container; refuses to start when misconfigured.
"""
