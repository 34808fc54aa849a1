"""Publishing: data for programs (JSON, llms.txt, markdown copies), the sitemap, search indexes and the offline service worker."""
