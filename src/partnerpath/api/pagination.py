"""Pagination of every API list."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """`?page=N`, with `?page_size=` up to 200 (default: the API_PAGE_SIZE setting)."""

    page_size_query_param = "page_size"
    max_page_size = 200
