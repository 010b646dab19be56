from .services import client_address


class ClientAddressMiddleware:
    """Audit records written while serving a request carry the client's address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with client_address(request.META.get("REMOTE_ADDR", "")):
            return self.get_response(request)
