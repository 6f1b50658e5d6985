package dev.sandboxer.server;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void smoke() {
        TestServer t = TestServer.get();
        for (String[] r : new String[][] {{"GET", "/healthz"}, {"GET", "/v1/sandboxes"}, {"GET", "/v1/nothing"},
                {"PUT", "/v1/sandboxes"}}) {
            System.out.println(r[0] + " " + r[1] + " -> " + t.api.send(r[0], r[1], t.admin, null, null, java.util.Map.of()));
        }
        System.out.println(t.api.post("/v1/sandboxes", t.agentP1, java.util.Map.of("profile", "echo", "inputs", java.util.Map.of("name", "bob"))));
        System.out.println(t.api.post("/v1/sandboxes?wait=true", t.agentP1, java.util.Map.of("profile", "echo", "inputs", java.util.Map.of("name", "bob"))));
        System.out.println(t.api.post("/v1/sandboxes", t.agentP1, "{\"profile\":1}"));
        System.out.println(t.api.post("/v1/sandboxes", t.agentP1, "{\"profile\":\"echo\",\"x\":1}"));
        System.out.println(t.api.post("/v1/sandboxes", t.agentP1, "{"));
        System.out.println(t.api.get("/v1/sandboxes", t.revoked));
        System.out.println(t.api.get("/v1/tokens", t.agentP1));
        System.out.println(t.api.get("/v1/events", t.agentP1).body().substring(0, 300));
        System.out.println(t.api.get("/metrics", null).body().lines().filter(l -> l.startsWith("sandboxer") || l.contains("route=\"/v1/sandboxes\"")).limit(20).toList());
        t.log.stream().limit(5).forEach(System.out::println);
    }
}
