# compose.yaml's site: the app service, and who may purge (deploy/varnish/default.vcl).
vcl 4.1;

probe healthz {
    .url = "/healthz";
    .interval = 5s;
    .timeout = 2s;
    .window = 5;
    .threshold = 3;
}

backend app {
    .host = "web";
    .port = "8000";
    .probe = healthz;
    .first_byte_timeout = 35s;
}

# The app containers' network (compose.yaml: apps, 172.31.250.0/24). The
# nginx in front sits on another network, so a purge through it is refused.
acl purgers {
    "172.31.250.0"/24;
}
