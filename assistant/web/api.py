"""The REST API beside the UI: `POST /api/ask` and `GET /api/health` (OpenAPI at /api/docs).

Every error is a JSON object `{"error": "..."}` with a 4xx status: 400 bad JSON or an empty
question or a host name not allowed (forwarded.TrustedHosts), 413 a body over 16 KB
(bodies.BodyLimit), 422 a field of the wrong type or `k` out of range, 403 an origin not
allowed (security.OriginGuard), 429 over the per-client rate limit (with Retry-After; the
same questions-per-minute budget as the chat and Gradio's `ask`), 503 when the server is full
(with Retry-After).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.web.security import Admission, RateLimiter, client_id
from assistant.web.service import Service

log = logging.getLogger(__name__)

MAX_BODY = 16 * 1024


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    q: str = Field(description="The question.", examples=["who deploys models?"])
    history: list[str] = Field(
        default_factory=list, max_length=50, description="Earlier questions of the conversation, oldest first."
    )
    k: int = Field(default=Settings().k, ge=1, le=20, description="How many passages to return.")


class PassageOut(BaseModel):
    rank: int
    text: str
    source: str
    section: str
    kind: str
    score: float
    highlight: str
    evidence: str | None


class AskResult(BaseModel):
    question: str
    resolved_question: str
    answer: str | None
    role: str | None
    abstained: bool
    reason: str | None
    passages: list[PassageOut]


class ErrorOut(BaseModel):
    error: str


def router(service: Service, limiter: RateLimiter, admission: Admission) -> APIRouter:
    api = APIRouter(prefix="/api", tags=["assistant"])
    errors: dict[int | str, dict[str, Any]] = {code: {"model": ErrorOut} for code in (400, 403, 413, 422, 429, 503)}

    @api.post(
        "/ask", response_model=AskResult, responses=errors, summary="Answer a question with the passages behind it"
    )
    async def ask(body: AskRequest, request: Request):
        wait = limiter.retry_after(client_id(request.scope))
        if wait:
            return JSONResponse(
                {"error": f"too many questions from this client; try again in {wait} s"},
                status_code=429,
                headers={"Retry-After": str(wait)},
            )

        if not admission.enter():
            return JSONResponse(
                {"error": "the server is busy; try again in a moment"}, status_code=503, headers={"Retry-After": "1"}
            )
        try:
            async with admission.slot():
                result = await run_in_threadpool(service.ask, body.q, body.history, body.k)
        except AssistantError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        finally:
            admission.leave()
        # For the request log (observe.RequestLog): the question only when the question log is on.
        request.state.answer = {
            "abstained": result.abstained,
            "build_id": service.manifest.get("build_id"),
            **({"question": result.question} if service.questions is not None else {}),
        }
        return result.to_json()

    @api.get("/health", summary="Status and the index in service")
    async def health():
        m = service.manifest
        return {
            **service.health(),
            "index": {
                "build_id": m.get("build_id"),
                "built_at": m.get("built_at"),
                "model": m.get("model", {}).get("name"),
                **m.get("counts", {}),
            },
        }

    return api


def install_not_found(app: FastAPI) -> None:
    """JSON for any other /api/ path (added last: every real route comes before it)."""

    @app.api_route("/api/{anything:path}", methods=["GET", "POST", "PUT", "DELETE", "PATCH"], include_in_schema=False)
    async def unknown(anything: str, request: Request):
        if anything in ("ask", "health"):
            return JSONResponse({"error": f"{request.method} is not allowed on /api/{anything}"}, status_code=405)
        return JSONResponse({"error": f"no such API route: /api/{anything}"}, status_code=404)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("request to %s failed", request.url.path)
        return JSONResponse({"error": "the server failed to answer; the error was logged"}, status_code=500)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = exc.errors()
        if any(p.get("type") == "json_invalid" for p in problems):
            return JSONResponse({"error": "the body is not valid JSON"}, status_code=400)
        if any(p.get("type") == "model_attributes_type" or p.get("loc") == ("body",) for p in problems):
            return JSONResponse(
                {"error": 'the body must be a JSON object like {"q": "who deploys models?"}'}, status_code=400
            )
        first = problems[0]
        field = ".".join(str(part) for part in first.get("loc", ())[1:]) or "body"
        return JSONResponse({"error": f"{field}: {first.get('msg', 'invalid')}"}, status_code=422)
