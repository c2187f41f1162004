// A tiny Express app: it serves / and /api/items but no /health route,
// which the health checks in the Dockerfile and compose.yaml probe.
const express = require("express");
const app = express();
app.get("/", (req, res) => res.send("ok"));
app.get("/api/items", (req, res) => res.json([]));
app.listen(3000, "0.0.0.0");
