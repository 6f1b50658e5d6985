package dev.sandboxer.server;

/**
 * A request the API refuses before (or instead of) asking the engine: bad JSON, a wrong content type, a
 * missing token. Carries the problem to answer; no stack trace, since it is an answer, not a fault.
 */
final class ApiError extends RuntimeException {
    private final transient Problem problem;

    ApiError(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }

    static ApiError badRequest(String code, String detail, String hint, String field) {
        Problem problem = Problem.of(400, code, "Invalid request", detail, hint);
        return new ApiError(field == null ? problem : problem.withField(field));
    }

    static ApiError unauthenticated(String detail) {
        return new ApiError(Problem.of(401, "unauthenticated", "Unauthenticated", detail,
                "send 'Authorization: Bearer <token>' with a token from 'sandboxer tokens create'"));
    }

    static ApiError forbidden(String detail, String hint) {
        return new ApiError(Problem.of(403, "forbidden", "Forbidden", detail, hint));
    }

    static ApiError notFound(String detail, String hint) {
        return new ApiError(Problem.of(404, "not-found", "Not found", detail, hint));
    }

    static ApiError unsupportedMediaType(String detail, String expected) {
        return new ApiError(Problem.of(415, "unsupported-media-type", "Unsupported media type", detail,
                "send the body with 'Content-Type: " + expected + "'").withField("Content-Type"));
    }

    static ApiError tooLarge(long limit) {
        return new ApiError(Problem.of(413, "body-too-large", "Request body too large",
                "the request body is larger than " + limit + " bytes", "send at most " + limit + " bytes"));
    }

    static ApiError unavailable(String detail) {
        return new ApiError(Problem.of(503, "shutting-down", "Service unavailable", detail,
                "retry against a running server"));
    }
}
