"""The per-process cache, bounded by bytes as well as by entries.

Django's LocMemCache counts entries only (MAX_ENTRIES): 2,000 entries of a
2 MB dossier page are 4 GB per worker (issue 26 saw 440 MB added in 15 s).
This backend also keeps the pickled values under MAX_BYTES (OPTIONS; the
setting DJANGO_CACHE_MAX_MB), dropping the least recently used entries
first, and never keeps one value larger than the whole bound. Every
operation runs under LocMemCache's own lock, like the entries it counts.

No library was a better fit: django-redis or pymemcache would move the cache
out of the process (a service to run), and cachetools' size-bounded caches
are no Django cache backend.
"""

from django.core.cache.backends.locmem import LocMemCache

DEFAULT_MAX_BYTES = 64 * 1024 * 1024

# Bytes held per named cache, shared like LocMemCache's stores.
_sizes: dict[str, list[int]] = {}


class BoundedLocMemCache(LocMemCache):
    def __init__(self, name, params):
        super().__init__(name, params)
        options = params.get("OPTIONS", {})
        self.max_bytes = int(options.get("MAX_BYTES", DEFAULT_MAX_BYTES))
        self._size = _sizes.setdefault(name, [0])

    @property
    def size(self) -> int:
        """Bytes of pickled values held now."""
        return self._size[0]

    def _set(self, key, value, timeout=None):
        self._delete(key)
        if len(value) > self.max_bytes:
            return  # bigger than the whole cache: not kept
        super()._set(key, value, timeout)
        self._size[0] += len(value)
        while self._size[0] > self.max_bytes:
            # The least recently used end (LocMemCache moves hits to the front).
            old_key, old_value = self._cache.popitem()
            self._expire_info.pop(old_key, None)
            self._size[0] -= len(old_value)

    def _cull(self):
        if self._cull_frequency == 0:
            self._cache.clear()
            self._expire_info.clear()
            self._size[0] = 0
            return
        for _ in range(len(self._cache) // self._cull_frequency):
            key, value = self._cache.popitem()
            self._expire_info.pop(key, None)
            self._size[0] -= len(value)

    def _delete(self, key):
        value = self._cache.get(key)
        deleted = super()._delete(key)
        if deleted and value is not None:
            self._size[0] -= len(value)
        return deleted

    def incr(self, key, delta=1, version=None):
        raise NotImplementedError("not used by the site; counters live in PostgreSQL")

    def clear(self):
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._size[0] = 0
