import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "desk.settings")
application = get_wsgi_application()

# What start-up loaded (Django, the apps, the URL conf: some 150,000 objects) lives as long as the
# process. Frozen, it is left out of the cyclic collector's scans, which every few dozen requests
# walked all of it: on the request page that was 1.1 ms a request, 0.4 ms once frozen.
gc.freeze()
