//! `GET /openapi.json`: the OpenAPI 3.1 description of every route.
//!
//! Written next to the routes so that a test can check both list the same paths.

use axum::Json;
use serde_json::{Value, json};

fn param(name: &str, description: &str) -> Value {
    json!({"name": name, "in": "query", "required": false,
           "schema": {"type": "string"}, "description": description})
}

/// `limit` and `cursor` of a paged list, and its `X-Next-Cursor` answer header.
fn paging() -> [Value; 2] {
    [
        param("limit", "most rows of this page, 1 to 10000 (default 1000)"),
        param(
            "cursor",
            "the X-Next-Cursor header of the previous page (absent: the first page)",
        ),
    ]
}

/// Marks a list operation as paged: the answer is a JSON array and, when more rows may
/// follow, the `X-Next-Cursor` header holds the cursor of the next page.
fn paged(mut o: Value) -> Value {
    o["responses"]["200"]["headers"] = json!({"X-Next-Cursor": {
        "description": "present when more rows may follow: pass it as `cursor` for the next page",
        "schema": {"type": "string"}}});
    o
}

fn id_param() -> Value {
    json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}})
}

fn op(summary: &str, role: Option<&str>, params: Vec<Value>, ok: &str, body: bool) -> Value {
    let mut o = json!({
        "summary": summary,
        "parameters": params,
        "responses": {
            "200": {"description": ok, "content": {"application/json": {}}},
            "400": {"$ref": "#/components/responses/Error"},
            "401": {"$ref": "#/components/responses/Error"},
            "403": {"$ref": "#/components/responses/Error"},
            "404": {"$ref": "#/components/responses/Error"},
            "405": {"$ref": "#/components/responses/Error"},
            "408": {"$ref": "#/components/responses/Error"},
            "413": {"$ref": "#/components/responses/Error"},
            "414": {"$ref": "#/components/responses/Error"},
            "422": {"$ref": "#/components/responses/Error"},
            "429": {"$ref": "#/components/responses/Error"},
            "503": {"$ref": "#/components/responses/Error"}
        }
    });
    match role {
        Some(r) => {
            o["security"] = json!([{"bearer": []}]);
            o["x-role"] = json!(r);
        }
        None => o["security"] = json!([]),
    }
    if body {
        o["requestBody"] = json!({"required": true,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BetInput"}}}});
    }
    o
}

/// The document.
pub fn spec() -> Value {
    let window = param("window", "7d, 30d, 90d or all (default all)");
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "edgecore server",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Odds collection, agents' opportunities, bets with closing line \
                value and settlement, statistics. Money and prices are decimal strings; \
                JSON numbers for odds, stakes and lines are read exactly from their text. \
                Errors are JSON {error, message[, field, reason]}. Lists of bets and events \
                are paged: a JSON array of at most `limit` rows and, when more may follow, \
                an X-Next-Cursor header to pass as `cursor`."
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "responses": {"Error": {"description": "error", "content": {"application/json": {
                "schema": {"type": "object", "required": ["error", "message"], "properties": {
                    "error": {"type": "string"}, "message": {"type": "string"},
                    "field": {"type": "string"}, "reason": {"type": "string"}}}}}}},
            "schemas": {"BetInput": {"type": "object",
                "required": ["event_id", "market", "selection", "bookmaker", "odds", "stake"],
                "properties": {
                    "event_id": {"type": "string"}, "league": {"type": "string"},
                    "kickoff": {"type": "string", "format": "date-time"},
                    "market": {"enum": ["h2h", "totals", "spreads", "draw_no_bet"]},
                    "line": {"type": "string", "example": "2.5"},
                    "selection": {"enum": ["home", "draw", "away", "over", "under"]},
                    "bookmaker": {"type": "string"},
                    "odds": {"type": "string", "example": "2.05"},
                    "stake": {"type": "string", "example": "10.00"},
                    "placed_at": {"type": "string", "format": "date-time"},
                    "source": {"type": "string", "example": "manual"},
                    "live": {"type": "boolean", "description": "placed at or after kickoff, at \
                        the price then on the board (required for such a bet)"},
                    "outcome": {"enum": ["won", "lost", "push", "half_won", "half_lost", "void", null]},
                    "closing_odds": {"type": ["string", "null"]}}}}
        },
        "paths": {
            "/health": {"get": op("Database (read_only when writes fail) and collector status, last collection, quota left", None, vec![], "status", false)},
            "/health/details": {"get": op("/health with the collector's last error and halt reason", Some("metrics"), vec![], "status", false)},
            "/metrics": {"get": op("Prometheus metrics (text format); the money gauges only with a token (role metrics or above)", None, vec![], "metrics", false)},
            "/openapi.json": {"get": op("This document", None, vec![], "document", false)},
            "/odds": {"get": op("Latest prices", Some("viewer"), vec![
                param("sport", "sport key"), param("event", "event id"),
                param("market", "h2h or totals"), param("bookmaker", "bookmaker key"),
                param("since", "prices changed since (date or RFC 3339)"),
                param("upcoming", "true: only events not started"),
                param("limit", "most rows (default 1000)")], "prices", false)},
            "/odds/matches": {"get": paged(op("Events with bookmaker counts and results, in kickoff order, paged", Some("viewer"), [
                vec![param("sport", "sport key"), param("from", "kickoff from"), param("to", "kickoff before")],
                paging().to_vec()].concat(),
                "events", false))},
            "/opportunities": {"get": op("Agents' opportunities on the latest board, with consensus score and label", Some("viewer"), vec![
                param("sport", "sport key"), param("label", "prudence or analyser"),
                param("min_score", "0-100"), param("limit", "most rows (default 100)")], "opportunities", false)},
            "/agents/compare": {"get": op("Agents compared on their bets (ROI, Sharpe, win rate, CLV)", Some("viewer"), vec![window.clone()], "figures", false)},
            "/bets": {
                "get": paged(op("Bets in placement order, paged", Some("viewer"), [vec![
                    param("status", "all, pending, settled or positive_clv"),
                    param("from", "placed from"), param("to", "placed before")],
                    paging().to_vec()].concat(), "bets", false)),
                "post": op("Record a bet; with an Idempotency-Key header a retried request returns the first bet (Idempotent-Replayed: true)", Some("user"),
                    vec![json!({"name": "Idempotency-Key", "in": "header", "required": false,
                        "schema": {"type": "string", "maxLength": 200}})],
                    "the bet (201)", true)},
            "/bets/{id}": {
                "get": op("One bet", Some("viewer"), vec![id_param()], "the bet", false),
                "put": op("Update a bet (odds, stake, bookmaker, placed_at, source, outcome, closing_odds)", Some("user"), vec![id_param()], "the bet", true),
                "delete": op("Delete a bet (204)", Some("user"), vec![id_param()], "deleted", false)},
            "/bets/settle": {"post": op("Settle pending bets from stored scores", Some("user"), vec![], "settlement report", false)},
            "/clv/calculate": {"post": op("Closing prices and CLV of bets past kickoff", Some("user"), vec![], "CLV report", false)},
            "/stats": {"get": op("Performance, breakdowns and heatmap", Some("viewer"), vec![window, param("as_of", "YYYY-MM-DD")], "statistics", false)},
            "/admin/config": {"get": op("Configuration in force (secrets removed)", Some("admin"), vec![], "configuration", false)},
            "/admin/collect": {"post": op("Collect odds now (resumes a halted collector); at most one per cooldown (429)", Some("admin"), vec![], "collection", false)},
            "/admin/backup": {"post": op("Consistent database backup (SQLite)", Some("admin"), vec![], "backup path", false)}
        }
    })
}

/// `GET /openapi.json`.
pub async fn document() -> Json<Value> {
    Json(spec())
}
