"""The registry's REST API: serializers and view sets, mounted by partnerpath.api.urls."""
