# The caching proxy in front of the app servers (docs/operators/caching-proxy.md).
#
# Public pages are kept as long as the app says in Surrogate-Control (a day)
# and dropped the moment something they show changes: every response names
# what it shows in an `xkey` header (core/surrogates.py), and the app servers
# send `PURGE /` with `xkey-purge: article-12 articles` after each change
# (purges/queue.py). Only the app servers may purge (acl purgers).
#
# What is never stored: anything for staff (the sessionid cookie), responses
# with Set-Cookie, everything but GET and HEAD, and responses that name no
# keys (the reaction form, the writer's links, 404s, redirects) unless they
# are hashed static files.
#
# `backend app` and `acl purgers` differ per deployment: they come from
# site.vcl, found on vcl_path (deploy/varnish/compose/site.vcl for
# compose.yaml; scripts/cacheproxy.py writes one for make serve and the tests).
vcl 4.1;

import std;
import xkey;

include "site.vcl";

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "No xkey-purge header"));
        }
        set req.http.purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.purged));
    }
    # Only the app servers may ask for a purge; a client may not pose as one.
    unset req.http.xkey-purge;

    # A page past its TTL may be served while it is fetched again for ten
    # seconds; while the app is down (its /healthz probe fails), for a day.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Editors (logged in): their pages are private (previews, drafts).
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    if (req.url ~ "^/admin/") {
        return (pass);
    }
    # A reader's cookies (the CSRF token of a reaction form) change nothing
    # on a public page: without them, every reader shares one copy.
    unset req.http.Cookie;

    # Query strings: only the parameters the site reads take part (and in
    # one order); tracking tags and anything else are dropped, so they make
    # no new copies. Keep in step with the views' request.GET: page (lists,
    # reaction pages), thema and dossier (list filters), q and soort
    # (search), op (the reaction form's parent), sleutel and bevestigen (a
    # writer's links).
    if (req.url ~ "\?") {
        set req.url = regsuball(req.url, "([?&])(?!(page|thema|dossier|q|soort|op|sleutel|bevestigen)=)[^&#]*", "\1");
        set req.url = regsuball(req.url, "&{2,}", "&");
        set req.url = regsub(req.url, "\?&", "?");
        set req.url = regsub(req.url, "[?&]+(#.*)?$", "");
        set req.url = std.querysort(req.url);
    }
    return (hash);
}

sub vcl_backend_response {
    # Keep only what the app marked public and named (or hashed static files
    # and uploads, which never change); never a response setting a cookie.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || !(beresp.http.xkey || bereq.url ~ "^/(static|media)/")) {
        set beresp.uncacheable = true;
        set beresp.ttl = 30s;
        return (deliver);
    }
    if (beresp.http.Surrogate-Control ~ "max-age=[0-9]+") {
        set beresp.ttl = std.duration(
            regsub(beresp.http.Surrogate-Control, ".*max-age=([0-9]+).*", "\1s"), 0s);
    }
    set beresp.grace = 1d;
    return (deliver);
}

sub vcl_deliver {
    # The keys and the proxy's TTL are between the app and the proxy.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Control;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
