"""Every page type of the site, for the checks that run on all of them.

Adding a page type is one line in PAGE_TYPES. The browser tests
(tests/browser/test_page_types.py) then run axe-core and the structural
accessibility checks on it, and tests/site/test_valid_html.py validates its
HTML with the Nu Html Checker. ``url`` is a path, or a function that creates
what the page needs (it runs inside the test, with database access) and
returns the path, e.g.::

    PageType("dossier", lambda: DossierFactory().get_absolute_url()),

``submit_empty_form`` pages are the result of sending the page's form with
nothing filled in (the browser's own ``required`` checks switched off), the
way the server answers a visitor whose browser does not check: the form again,
with every error.
"""

import io
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from articles.models import Article
from dossiers.models import Dossier, EffectiveElement, Theme
from dossiers.services import publish_dossier

# The demo content (``manage.py load_demo``, the apps' demo/ folders), as a
# reader of a fresh `make run` sees it.
DEMO_THEME = "sociale-innovatie"
DEMO_DOSSIER = "wat-werkt-bij-sociale-innovatie"
DEMO_ARTICLE = "sociale-innovatie-werkt-het-best-in-een-krachtig-sociaal-ecosysteem"


def demo_site() -> None:
    """Load the demo content once per test database, with a small approved
    thread (a reaction, a reader's reply, an editor's reply) under the demo
    article."""
    if Dossier.objects.filter(slug=DEMO_DOSSIER).exists():
        return
    call_command("load_demo", stdout=io.StringIO())
    from tests.factories import CommentFactory

    article = Article.objects.get(slug=DEMO_ARTICLE)
    question = CommentFactory(
        item=article,
        name="Ruud Jansen",
        text="Hoe betrek je bewoners die niet vanzelf aanschuiven bij overleg?",
    )
    CommentFactory(
        parent=question,
        name="Fatma Yilmaz",
        text="Bij ons werkte het om naar de buurt toe te gaan, niet andersom.",
    )
    CommentFactory(
        parent=question,
        name="Redactie Movisie",
        text="Het dossier noemt hiervoor het werkzame element 'verbinden'.",
        is_staff_reply=True,
    )


def demo_theme_url() -> str:
    demo_site()
    return Theme.objects.get(slug=DEMO_THEME).get_absolute_url()


def demo_dossier_url() -> str:
    demo_site()
    return Dossier.objects.get(slug=DEMO_DOSSIER).get_absolute_url()


def demo_dossier_diff_url() -> str:
    """Version 4 of the demo dossier: a word changed, an element added."""
    demo_site()
    dossier = Dossier.objects.get(slug=DEMO_DOSSIER)
    if not dossier.versions.filter(number=4).exists():
        dossier.summary = dossier.summary.replace("sociale", "maatschappelijke", 1)
        dossier.policy = dossier.policy.replace("</p>", " Gemeenten kiezen.</p>", 1)
        dossier.save()
        EffectiveElement.objects.create(
            dossier=dossier,
            position=99,
            title="Klein beginnen",
            explanation="<p>Begin in één buurt en leer daarvan.</p>",
        )
        publish_dossier(dossier=dossier, note="Beleid en een werkzaam element.")
    return f"{dossier.get_absolute_url()}versies/3...4/"


def _pdf_unavailable_url() -> str:
    """A version's PDF when it cannot be stored: the uploads folder of this
    test has a file where the PDFs' folder should be (a real failure, and
    only this test's: every test has a folder of its own)."""
    from django.conf import settings

    demo_site()
    folder = settings.MEDIA_ROOT / "dossiers" / "pdf"
    folder.parent.mkdir(parents=True, exist_ok=True)
    if not folder.exists():
        folder.write_text("not a folder")
    return demo_dossier_url() + "versies/3/pdf/"


def _version_not_kept_url() -> str:
    """A version carried over from a revision log: its text was not kept
    (the demo's versions all keep theirs)."""
    from dossiers.services import carry_over_revision_log
    from tests.factories import DossierFactory

    dossier = DossierFactory(
        title="Wat werkt bij schuldhulp",
        published_at=timezone.now() - timedelta(days=400),
        version=False,
    )
    carry_over_revision_log(
        dossier=dossier,
        entries=[((timezone.now() - timedelta(days=200)).date(), "Bijgewerkt.")],
    )
    return f"{dossier.get_absolute_url()}versies/1/"


def demo_author_url() -> str:
    demo_site()
    from authors.models import Author

    return Author.objects.get(name="Marieke van Dalen").get_absolute_url()


def demo_article() -> Article:
    demo_site()
    return Article.objects.get(slug=DEMO_ARTICLE)


def reaction_form_url() -> str:
    from comments.models import reply_url

    return reply_url(demo_article())


def reaction_received_url() -> str:
    """The thank-you page as a writer lands on it: with the links to change
    or withdraw the pending reaction just posted."""
    from comments.views import received_url
    from tests.factories import CommentFactory

    article = demo_article()
    comment = CommentFactory(article=article, status="pending", notify_replies=True)
    return received_url(comment, kind="artikel", pk=article.pk)


def _admin_home_page() -> str:
    """An editor choosing the featured dossier (pages.HomePage)."""
    from pages.models import HomePage

    demo_site()
    home, _ = HomePage.objects.get_or_create(singleton=True)
    return f"/admin/pages/homepage/{home.pk}/change/"


def with_demo(path: str) -> Callable[[], str]:
    def url() -> str:
        demo_site()
        return path

    return url


@dataclass(frozen=True)
class PageType:
    name: str
    url: str | Callable[[], str]
    status: int = 200
    # Rendered with templates/base.html: the site-wide checks (skip link,
    # landmarks, valid HTML) apply. False for Django's admin pages.
    ours: bool = True
    # Send the page's form empty and check the answer (status) instead.
    submit_empty_form: bool = False
    # Opened by a logged-in member of the "Redactie" group (admin pages).
    as_editor: bool = False
    # Opened by a logged-in superuser (operators' admin pages).
    as_superuser: bool = False
    # XML the browser turns into the page with our XSLT (a feed): its HTML is
    # the browser's, validated there (tests/browser/test_feeds.py), not the
    # server's (tests/site/test_valid_html.py).
    xslt: bool = False

    def path(self) -> str:
        return self.url() if callable(self.url) else self.url


def _search_with_results():
    from tests.factories import ArticleFactory, DossierFactory, ThemeFactory

    theme = ThemeFactory(name="Sociale innovatie", slug="sociale-innovatie")
    DossierFactory(title="Wat werkt bij sociale innovatie", themes=[theme])
    for n in range(12):
        ArticleFactory(
            title=f"Innovatie in de wijk {n}",
            lead="Buurtbewoners & professionals bedenken samen iets nieuws.",
            body="<p>Over <strong>sociale innovaties</strong> in de praktijk.</p>",
            themes=[theme],
        )
    return "/zoeken/?q=innovatie"


def _search_with_suggestion():
    from tests.factories import DossierFactory

    DossierFactory(title="Wat werkt bij eenzaamheid")
    return "/zoeken/?q=eenzaamhied"


def _unsubscribe_page() -> str:
    from django.urls import reverse

    from comments.notifications import unsubscribe_token
    from tests.factories import ArticleFactory, CommentFactory

    comment = CommentFactory(article=ArticleFactory(), notify_replies=True)
    return reverse("comments:unsubscribe", kwargs={"token": unsubscribe_token(comment)})


def _writer_link(action: str, *, notify: bool = False) -> Callable[[], str]:
    """The page behind a link in a mail to a reaction's writer."""

    def url() -> str:
        from django.urls import reverse

        from comments import signed_links
        from tests.factories import ArticleFactory, CommentFactory

        comment = CommentFactory(
            article=ArticleFactory(),
            notify_replies=notify,
            text="Mijn reactie, met een link: https://www.movisie.nl",
        )
        token = signed_links.make_token(comment, action)
        return reverse(f"comments:{action}", kwargs={"token": token})

    return url


def _follow_link(action: str) -> Callable[[], str]:
    """The page behind a link in a mail to a dossier's follower."""

    def url() -> str:
        from django.utils import timezone

        from follows import notifications
        from follows.models import Follow

        demo_site()
        follow = Follow.objects.create(
            dossier=Dossier.objects.get(slug=DEMO_DOSSIER),
            email=f"volger-{action}-{uuid.uuid4().hex[:8]}@example.nl",
            confirmed_at=None if action == "confirm" else timezone.now(),
        )
        path = notifications.url(follow, action)
        return path[path.index("/volgen/") :]

    return url


def _feedback_thanks() -> str:
    """The thank-you page after "nee", with its remark form."""
    from comments import signed_links
    from feedback.models import Usefulness
    from feedback.views import REMARK

    demo_site()
    answer = Usefulness.objects.create(
        dossier=Dossier.objects.get(slug=DEMO_DOSSIER), useful=False
    )
    token = signed_links.sign(
        namespace="feedback", action=REMARK, pk=answer.pk, email=""
    )
    return f"{demo_dossier_url()}nuttig/bedankt/{token}/"


def _reaction_in_admin(view: str) -> Callable[[], str]:
    """A reaction's admin pages: its change page (with the answer form and
    the writer's history), the answer page and the shortening page."""

    def url() -> str:
        from django.urls import reverse

        from tests.factories import ArticleFactory, CommentFactory

        article = ArticleFactory(title="Een vraag in de wijk")
        CommentFactory(item=article, email="anna@example.nl", status="rejected")
        comment = CommentFactory(
            item=article,
            name="Anna",
            email="anna@example.nl",
            status="pending",
            text="Hoe begin je met een buurtbudget?",
        )
        return reverse(f"admin:comments_comment_{view}", args=[comment.pk])

    return url


def _moderation_queue() -> str:
    from tests.factories import ArticleFactory, CommentFactory

    article = ArticleFactory()
    for n in range(3):
        CommentFactory(item=article, email="anna@example.nl", status="approved")
        CommentFactory(item=article, name=f"Lezer {n}", status="pending")
    return "/admin/comments/comment/?status__exact=pending"


def _moderation_list_all() -> str:
    """The "Alle" tab with every kind of row: a reply (quoting what it
    answers), a reaction held as spam with its rule, a writer's change
    awaiting approval, and a published reaction on a dossier that can be
    marked as taken into a version."""
    from tests.factories import ArticleFactory, CommentFactory, DossierFactory

    article = ArticleFactory(title="Meedoen met weinig geld")
    question = CommentFactory(item=article, name="Ruud", text="Werkt dit ook hier?")
    CommentFactory(parent=question, name="Fatma", status="pending", text="Ja.")
    CommentFactory(status="spam", spam_reason="te veel links (4)")
    CommentFactory(item=article, pending_text="Mijn nieuwe tekst.")
    CommentFactory(item=DossierFactory(), version_number=1, text="Nieuw onderzoek.")
    return "/admin/comments/comment/"


def _outbox(view: str) -> Callable[[], str]:
    """The outbox: the list, and one mail as it reads (subject, text, links)."""

    def url() -> str:
        from outbox.models import OutgoingMail
        from tests.factories import CommentFactory

        comment = CommentFactory(status="pending", notify_replies=True)
        mail = OutgoingMail.objects.create(
            kind="comments.confirm", object_id=comment.pk, recipient=comment.email
        )
        if view == "changelist":
            return "/admin/outbox/outgoingmail/"
        return f"/admin/outbox/outgoingmail/{mail.pk}/change/"

    return url


def _trusted_writers() -> str:
    from comments.models import TrustedWriter
    from core import clients
    from tests.factories import CommentFactory

    CommentFactory(name="Anna", email="anna@example.nl")
    TrustedWriter.objects.create(
        email_hash=clients.keyed_hash("anna@example.nl"), approved_then=3
    )
    return "/admin/comments/trustedwriter/"


def _failed_pdfs() -> str:
    """Editors' list of PDFs that could not be made (issue 26)."""
    from dossiers.models import VersionPdfFailure
    from tests.factories import DossierFactory

    version = DossierFactory(title="Wat werkt bij diep geneste citaten").versions.get()
    VersionPdfFailure.objects.create(
        version=version,
        layout=1,
        error="RecursionError: maximum recursion depth exceeded",
        failed_at=timezone.now(),
    )
    return "/admin/dossiers/versionpdffailure/"


def _purge_queue() -> str:
    """Operators' list of cache purges: one sent, one waiting, one that
    failed with its error (issue 27)."""
    from purges.models import Purge

    proxy = "http://varnish-1:80"
    Purge.objects.create(proxy=proxy, keys="article-1", sent_at=timezone.now())
    Purge.objects.create(proxy=proxy, keys="dossier-2 reactions-dossier-2")
    Purge.objects.create(
        proxy=proxy,
        keys="author-3",
        attempts=4,
        last_error="<urlopen error [Errno 111] Connection refused>",
    )
    return "/admin/purges/purge/"


def _later_reaction_page() -> str:
    """Page 2 of a long thread (51 threads of five with the default 50 per
    page), with a staff reply and replies past the maximum depth."""
    from tests.factories import ArticleFactory, CommentFactory, make_thread

    published = timezone.now().replace(microsecond=0) - timedelta(days=1)
    article = ArticleFactory(title="Een lange discussie", published_at=published)
    made = make_thread(article, 255)
    CommentFactory(parent=made[-1], name="Redactie Movisie", is_staff_reply=True)
    return f"{article.get_absolute_url()}?page=2"


def _demo_dossier_in_review(*, reviewer: bool = False) -> Dossier:
    """The demo dossier with a changed draft that went through one review
    round (sent back with a remark) and waits for review again. With
    ``reviewer``, the editor who logs in ("christine") is a reviewer too."""
    from dossiers import services
    from tests.browser.visitor import restore_editors_group
    from tests.factories import EditorFactory, ReviewerFactory, make_editor

    demo_site()
    restore_editors_group()
    if reviewer:
        make_editor(username="christine").groups.add(
            *ReviewerFactory(username="beoordelaar").groups.all()
        )
    dossier = Dossier.objects.get(slug=DEMO_DOSSIER)
    if not dossier.review_steps.filter(step="sent_back").exists():
        editor = EditorFactory(username="redacteur", first_name="Sanne")
        other = ReviewerFactory(username="lezer2", first_name="Joris")
        dossier.summary += " Ook in kleine gemeenten."
        dossier.save()
        dossier = services.note_draft_saved(dossier=dossier)
        services.submit_for_review(dossier=dossier, user=editor)
        services.send_back_draft(
            dossier=dossier,
            user=other,
            fingerprint=services.draft_fingerprint(dossier),
            remark="Noem de bron bij de cijfers over kleine gemeenten.",
        )
        services.submit_for_review(dossier=dossier, user=editor)
    return dossier


def _admin_dossier(view: str = "change", **kwargs) -> Callable[[], str]:
    def url() -> str:
        from django.urls import reverse

        dossier = _demo_dossier_in_review(**kwargs)
        return reverse(f"admin:dossiers_dossier_{view}", args=[dossier.pk])

    return url


def _admin_preview_links() -> str:
    from django.urls import reverse

    from dossiers import services
    from tests.factories import EditorFactory

    dossier = _demo_dossier_in_review()
    services.make_preview_link(
        dossier=dossier, user=EditorFactory(), for_whom="Prof. A. de Vries"
    )
    return reverse("admin:dossiers_dossier_preview_links", args=[dossier.pk])


def _expert_preview() -> str:
    from dossiers import services
    from dossiers.preview_links import url_for
    from tests.factories import EditorFactory

    dossier = _demo_dossier_in_review()
    link = services.make_preview_link(
        dossier=dossier, user=EditorFactory(), for_whom="Prof. A. de Vries"
    )
    return url_for(link)


PAGE_TYPES = [
    PageType("home", with_demo("/")),
    PageType("themes", with_demo("/themas/")),
    PageType("theme", demo_theme_url),
    PageType("dossier-index", with_demo("/dossiers/")),
    PageType("dossier", demo_dossier_url),
    PageType("dossier-versions", lambda: demo_dossier_url() + "versies/"),
    PageType("dossier-version", lambda: demo_dossier_url() + "versies/3/"),
    PageType("dossier-version-not-kept", _version_not_kept_url),
    PageType("dossier-diff", demo_dossier_diff_url),
    PageType("dossier-diff-reversed", lambda: demo_dossier_url() + "versies/3...2/"),
    PageType("dossier-pdf-unavailable", _pdf_unavailable_url, status=503),
    PageType("article-index", with_demo("/artikelen/")),
    PageType("author", demo_author_url),
    PageType("authors", with_demo("/auteurs/")),
    PageType("feed", with_demo("/feeds/artikelen/"), xslt=True),
    PageType("article-with-thread", lambda: demo_article().get_absolute_url()),
    PageType("reactions-later-page", _later_reaction_page),
    PageType("reaction-form", reaction_form_url),
    PageType(
        "reaction-form-with-errors",
        reaction_form_url,
        status=400,
        submit_empty_form=True,
    ),
    PageType("reaction-received", reaction_received_url),
    PageType("search-results", _search_with_results),
    PageType("search-suggestion", _search_with_suggestion),
    PageType("privacy", "/privacy/"),
    PageType("about", "/over-ons/"),
    PageType("accessibility-statement", "/toegankelijkheid/"),
    PageType("contact", "/contact/"),
    PageType("colophon", "/colofon/"),
    PageType("unsubscribe", _unsubscribe_page),
    PageType("confirm-reply-mails", _writer_link("confirm", notify=True)),
    PageType("withdraw-reaction", _writer_link("withdraw")),
    PageType("edit-reaction", _writer_link("edit")),
    PageType("writer-link-invalid", "/reacties/intrekken/onzin/", status=400),
    PageType("follow-dossier", lambda: demo_dossier_url() + "volgen/"),
    PageType("follow-theme", lambda: demo_theme_url() + "volgen/"),
    PageType("follow-requested", lambda: demo_dossier_url() + "volgen/aangevraagd/"),
    PageType("follow-confirm", _follow_link("confirm")),
    PageType("follow-unsubscribe", _follow_link("unsubscribe")),
    PageType("follow-link-invalid", "/volgen/afmelden/onzin/", status=400),
    PageType("feedback-thanks", _feedback_thanks),
    PageType(
        "admin-review-packet",
        with_demo(f"/redactie/herzieningspakket/{DEMO_DOSSIER}/"),
        ours=False,
        as_editor=True,
    ),
    PageType("study-suggestion", lambda: demo_dossier_url() + "onderzoek-melden/"),
    PageType(
        "study-received", lambda: demo_dossier_url() + "onderzoek-melden/ontvangen/"
    ),
    PageType("404", "/deze-pagina-bestaat-niet/", status=404),
    PageType("admin-login", "/admin/login/", ours=False),
    PageType("admin-moderation-queue", _moderation_queue, ours=False, as_editor=True),
    PageType(
        "admin-reaction", _reaction_in_admin("change"), ours=False, as_editor=True
    ),
    PageType(
        "admin-reaction-answer",
        _reaction_in_admin("answer"),
        ours=False,
        as_editor=True,
    ),
    PageType(
        "admin-reaction-redact",
        _reaction_in_admin("redact"),
        ours=False,
        as_editor=True,
    ),
    PageType("admin-moderation-list", _moderation_list_all, ours=False, as_editor=True),
    PageType("admin-outbox", _outbox("changelist"), ours=False, as_editor=True),
    PageType("admin-outbox-mail", _outbox("change"), ours=False, as_editor=True),
    PageType("admin-trusted-writers", _trusted_writers, ours=False, as_editor=True),
    PageType("expert-preview", _expert_preview),
    PageType("admin-index", with_demo("/admin/"), ours=False, as_editor=True),
    PageType("admin-display-name", "/admin/weergavenaam/", ours=False, as_editor=True),
    PageType(
        "admin-dossier-list",
        lambda: (_demo_dossier_in_review(), "/admin/dossiers/dossier/")[1],
        ours=False,
        as_editor=True,
    ),
    PageType("admin-dossier-form", _admin_dossier(), ours=False, as_editor=True),
    PageType(
        "admin-dossier-review",
        _admin_dossier("review", reviewer=True),
        ours=False,
        as_editor=True,
    ),
    PageType("admin-dossier-diff", _admin_dossier("diff"), ours=False, as_editor=True),
    PageType(
        "admin-dossier-preview-links",
        _admin_preview_links,
        ours=False,
        as_editor=True,
    ),
    PageType("admin-failed-pdfs", _failed_pdfs, ours=False, as_editor=True),
    PageType("admin-purge-queue", _purge_queue, ours=False, as_superuser=True),
    PageType("admin-home-page", _admin_home_page, ours=False, as_editor=True),
]
SITE_PAGE_TYPES = [page_type for page_type in PAGE_TYPES if page_type.ours]


def ids(page_types):
    return [page_type.name for page_type in page_types]
