from urllib.parse import urlsplit

from django.apps import AppConfig
from django.apps import apps as global_apps
from django.conf import settings
from django.db.models.signals import post_migrate


def site_domain_from_site_url(*, using, apps=global_apps, **kwargs) -> None:
    """After every ``migrate``, django.contrib.sites' row (where feeds,
    sitemaps and the admin's "view on site" take the domain from) says
    SITE_URL's host: ``PORT=8123 make run`` on a database made on port 8000,
    or a site moved to another domain, gets its own links, not the old ones.
    (``flush`` sends the signal too, without ``apps``.)
    """
    Site = apps.get_model("sites", "Site")
    domain = urlsplit(settings.SITE_URL).netloc or "localhost"
    Site.objects.using(using).filter(pk=settings.SITE_ID).exclude(domain=domain).update(
        domain=domain, name=domain
    )


class SiteConfig(AppConfig):
    name = "movisie_site"

    def ready(self):
        # movisie_site has no models, so no post_migrate of its own: listen
        # to the sites app's, which comes after its default row is created.
        post_migrate.connect(
            site_domain_from_site_url,
            sender=self.apps.get_app_config("sites"),
            dispatch_uid="site_domain_from_site_url",
        )
