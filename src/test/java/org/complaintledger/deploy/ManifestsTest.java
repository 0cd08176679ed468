package org.complaintledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.deploy.Manifests.at;
import static org.complaintledger.deploy.Manifests.list;
import static org.complaintledger.deploy.Manifests.map;
import static org.complaintledger.deploy.Manifests.name;
import static org.complaintledger.deploy.Manifests.string;
import static org.complaintledger.deploy.Manifests.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deployment files checked against the application they deploy: the settings it reads, its port, and the
 * promises of the architecture (three replicas in production, a synchronous database replica, no root, nothing
 * writable but /tmp). The probes' paths are asked of the running application in {@link ManifestProbesTest}.
 */
class ManifestsTest {

    /** Settings without which a deployment does not work (README, "Configuration"), by their environment names. */
    private static final List<String> REQUIRED = List.of(
            "QUARKUS_DATASOURCE_REACTIVE_URL",
            "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD",
            "LEDGER_CRYPTO_KEK",
            "LEDGER_SIGNING_PRIVATE_KEY_LOCATION",
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
            "LEDGER_JWT_ISSUER");

    /** Read by the base image's run-java.sh, which starts the JVM, not by the application. */
    private static final Set<String> LAUNCHER =
            Set.of("JAVA_OPTS", "JAVA_OPTS_APPEND", "JAVA_MAX_MEM_RATIO", "JAVA_INITIAL_MEM_RATIO");

    /** What CloudNativePG puts in the {@code <cluster>-app} secret it generates. */
    private static final Set<String> CNPG_APP_SECRET_KEYS =
            Set.of("username", "password", "host", "port", "dbname", "uri", "jdbc-uri", "pgpass");

    private static final Pattern DATASOURCE_URL =
            Pattern.compile("(?:jdbc:)?postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*");

    @Test
    void every_yaml_file_parses_and_every_kubernetes_document_says_what_it_is() {
        List<Path> files = Manifests.yamlFiles();
        assertThat(files).contains(Manifests.COMPOSE, Manifests.K8S.resolve("base/kustomization.yaml"));
        for (Path file : files) {
            List<Map<String, Object>> documents = Manifests.documents(file);
            assertThat(documents).as(file.toString()).isNotEmpty();
            if (file.startsWith(Manifests.K8S)) {
                documents.forEach(d -> assertThat(d).as(file.toString()).containsKeys("apiVersion", "kind"));
            }
        }
    }

    @Test
    void every_file_a_kustomization_names_exists_and_every_manifest_is_named_by_one() throws IOException {
        Set<Path> named = new HashSet<>();
        List<Path> kustomizations;
        try (Stream<Path> files = Files.walk(Manifests.K8S)) {
            kustomizations = files.filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                    .toList();
        }
        for (Path file : kustomizations) {
            Path dir = file.getParent();
            Map<String, Object> kustomization = Manifests.kustomization(dir);
            List<String> paths = new ArrayList<>(strings(kustomization.get("resources")));
            list(kustomization.get("patches"))
                    .forEach(patch -> paths.add(string(map(patch).get("path"))));
            for (String generators : List.of("configMapGenerator", "secretGenerator")) {
                list(kustomization.get(generators))
                        .forEach(g -> strings(map(g).get("files"))
                                .forEach(f -> paths.add(f.contains("=") ? f.substring(f.indexOf('=') + 1) : f)));
            }
            for (String path : paths) {
                Path resolved = dir.resolve(path).normalize();
                assertThat(Files.isRegularFile(resolved) || Files.isRegularFile(resolved.resolve("kustomization.yaml")))
                        .as(file + " names " + path)
                        .isTrue();
                named.add(resolved);
            }
            named.add(file.normalize());
        }
        assertThat(Manifests.yamlFiles().stream()
                        .filter(p -> p.startsWith(Manifests.K8S))
                        .map(Path::normalize))
                .as("manifests that no kustomization uses")
                .allMatch(named::contains);
    }

    @Test
    void the_container_listens_on_the_applications_http_port_and_the_service_and_image_agree() throws IOException {
        int port = Integer.parseInt(setting("quarkus.http.port"));
        // health and metrics are on the management interface in production, never on the port the Service routes
        assertThat(applicationProperties().getProperty("%prod.quarkus.management.enabled"))
                .isEqualTo("true");
        int management = Integer.parseInt(setting("quarkus.management.port"));
        for (Path overlay : Manifests.overlays()) {
            Manifests.Rendered rendered = Manifests.render(overlay);
            Map<String, Object> container = container(rendered);
            List<Map<String, Object>> ports =
                    list(container.get("ports")).stream().map(Manifests::map).toList();
            Map<String, Object> http = ports.getFirst();
            assertThat(http.get("containerPort")).as(overlay.toString()).isEqualTo(port);
            Map<String, Object> managementPort = ports.stream()
                    .filter(p -> Integer.valueOf(management).equals(p.get("containerPort")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": no container port " + management));
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(at(container, probe, "httpGet", "port"))
                        .as(overlay + " " + probe)
                        .isIn(managementPort.get("name"), management);
            }
            assertThat(at(rendered.one("Deployment"), "spec", "template", "metadata", "annotations"))
                    .satisfies(annotations -> assertThat(map(annotations).get("prometheus.io/port"))
                            .isEqualTo("" + management));
            assertThat(at(rendered.one("Service"), "spec"))
                    .satisfies(spec -> assertThat(
                                    list(map(spec).get("ports")).stream().map(p -> map(p).get("targetPort")))
                            .containsOnly(http.get("name")));
        }
        assertThat(Files.readAllLines(Manifests.DOCKERFILE)).contains("EXPOSE " + port + " " + management);
        assertThat(strings(at(composeService("ledger"), "ports"))).allMatch(p -> p.endsWith(":" + port));
        assertThat(String.join(" ", strings(at(composeService("ledger"), "healthcheck", "test"))))
                .contains("/dev/tcp/127.0.0.1/" + management + " ");
    }

    @Test
    void the_service_the_disruption_budget_and_the_autoscaler_select_the_deployments_pods() {
        for (Path overlay : Manifests.overlays()) {
            Manifests.Rendered rendered = Manifests.render(overlay);
            Map<String, Object> deployment = rendered.one("Deployment");
            Map<String, Object> podLabels = map(at(deployment, "spec", "template", "metadata", "labels"));
            assertThat(podLabels).containsAllEntriesOf(map(at(deployment, "spec", "selector", "matchLabels")));
            assertThat(podLabels).containsAllEntriesOf(map(at(rendered.one("Service"), "spec", "selector")));
            assertThat(podLabels)
                    .containsAllEntriesOf(
                            map(at(rendered.one("PodDisruptionBudget"), "spec", "selector", "matchLabels")));
            assertThat(at(rendered.one("HorizontalPodAutoscaler"), "spec", "scaleTargetRef", "name"))
                    .isEqualTo(name(deployment));
        }
    }

    @Test
    void every_secret_and_config_map_the_deployment_reads_is_defined_in_its_overlay_with_the_keys_read() {
        for (Path overlay : Manifests.overlays()) {
            Manifests.Rendered rendered = Manifests.render(overlay);
            Map<String, Set<String>> secrets = definedSecrets(rendered);
            Map<String, Set<String>> configMaps = new LinkedHashMap<>(rendered.configMaps());
            rendered.ofKind("ConfigMap")
                    .forEach(c -> configMaps.put(name(c), map(c.get("data")).keySet()));
            Map<String, Object> pod = map(at(rendered.one("Deployment"), "spec", "template", "spec"));
            Map<String, Object> container = container(rendered);
            for (Object from : list(container.get("envFrom"))) {
                assertDefined(overlay, configMaps, string(at(from, "configMapRef", "name")), null);
                assertDefined(overlay, secrets, string(at(from, "secretRef", "name")), null);
            }
            for (Object env : list(container.get("env"))) {
                assertDefined(
                        overlay,
                        configMaps,
                        string(at(env, "valueFrom", "configMapKeyRef", "name")),
                        string(at(env, "valueFrom", "configMapKeyRef", "key")));
                assertDefined(
                        overlay,
                        secrets,
                        string(at(env, "valueFrom", "secretKeyRef", "name")),
                        string(at(env, "valueFrom", "secretKeyRef", "key")));
            }
            for (Object volume : list(pod.get("volumes"))) {
                String secret = string(at(volume, "secret", "secretName"));
                String configMap = string(at(volume, "configMap", "name"));
                assertDefined(overlay, secrets, secret, null);
                assertDefined(overlay, configMaps, configMap, null);
                Map<String, Set<String>> source = secret != null ? secrets : configMaps;
                String sourceName = secret != null ? secret : configMap;
                for (Object item : list(at(volume, secret != null ? "secret" : "configMap", "items"))) {
                    assertDefined(overlay, source, sourceName, string(map(item).get("key")));
                }
            }
        }
    }

    @Test
    void every_environment_variable_names_a_setting_the_application_reads() throws IOException {
        Set<String> known = knownEnvironmentNames();
        Map<String, Set<String>> used = new LinkedHashMap<>();
        for (Path overlay : Manifests.overlays()) {
            used.put(overlay.toString(), environment(Manifests.render(overlay)));
        }
        used.put(
                Manifests.COMPOSE.toString(),
                map(composeService("ledger").get("environment")).keySet());
        used.forEach((where, names) -> assertThat(names)
                .as(where)
                .allMatch(n -> known.contains(n) || LAUNCHER.contains(n), "is a setting of the application"));
        // and the check itself tells a setting from a typo
        assertThat(known)
                .contains("QUARKUS_DATASOURCE_REACTIVE_URL", "LEDGER_CRYPTO_KEK", "LEDGER_JWT_ISSUER")
                .doesNotContain("QUARKUS_DATASOURCE_REACTIVE_URI", "LEDGER_KEK");
    }

    /** What the console's sign-in needs once switched on; the packaged service refuses to start without any of them. */
    private static final List<String> SIGN_IN = List.of(
            "LEDGER_OIDC_ENABLED", "LEDGER_OIDC_AUTH_SERVER_URL", "LEDGER_OIDC_CLIENT_ID", "LEDGER_OIDC_CLIENT_SECRET");

    @Test
    void every_deployment_signs_the_console_in_through_the_realm_whose_tokens_the_api_trusts() {
        for (Path overlay : Manifests.overlays()) {
            var rendered = Manifests.render(overlay);
            Map<String, String> config = configMapValues(overlay, rendered);
            assertThat(environment(rendered)).as(overlay.toString()).containsAll(SIGN_IN);
            assertThat(config)
                    .as(overlay.toString())
                    .containsEntry("LEDGER_OIDC_ENABLED", "true")
                    .containsEntry("LEDGER_OIDC_AUTH_SERVER_URL", config.get("LEDGER_JWT_ISSUER"));
        }
        Map<String, Object> compose = map(composeService("ledger").get("environment"));
        assertThat(compose).containsKeys(SIGN_IN.toArray(String[]::new));
        // compose reaches Keycloak by its container's name, while browsers (and so the issuer) use localhost
        assertThat(realm(string(compose.get("LEDGER_OIDC_AUTH_SERVER_URL"))))
                .isEqualTo(realm(string(compose.get("LEDGER_JWT_ISSUER"))))
                .isEqualTo("bengkalis");
    }

    private static String realm(String realmUrl) {
        return realmUrl.substring(realmUrl.lastIndexOf("/realms/") + "/realms/".length());
    }

    @Test
    void every_deployment_provides_every_setting_the_service_needs() {
        for (Path overlay : Manifests.overlays()) {
            assertThat(environment(Manifests.render(overlay)))
                    .as(overlay.toString())
                    .containsAll(REQUIRED);
        }
        assertThat(map(composeService("ledger").get("environment")).keySet()).containsAll(REQUIRED);
    }

    @Test
    void the_service_runs_as_no_one_in_particular_on_a_read_only_root_without_privileges_or_capabilities() {
        for (Path overlay : Manifests.overlays()) {
            Manifests.Rendered rendered = Manifests.render(overlay);
            Map<String, Object> pod = map(at(rendered.one("Deployment"), "spec", "template", "spec"));
            Map<String, Object> container = container(rendered);
            assertThat(pod.get("securityContext"))
                    .as(overlay.toString())
                    .satisfies(context -> assertThat(map(context))
                            .containsEntry("runAsNonRoot", true)
                            .doesNotContainEntry("runAsUser", 0));
            Map<String, Object> context = map(container.get("securityContext"));
            assertThat(context)
                    .as(overlay.toString())
                    .containsEntry("readOnlyRootFilesystem", true)
                    .containsEntry("allowPrivilegeEscalation", false)
                    .doesNotContainEntry("privileged", true);
            assertThat(strings(at(context, "capabilities", "drop"))).contains("ALL");
            assertThat(strings(at(context, "capabilities", "add"))).isEmpty();
            // the one writable place: an emptyDir on /tmp
            String tmpVolume = list(container.get("volumeMounts")).stream()
                    .map(Manifests::map)
                    .filter(m -> "/tmp".equals(m.get("mountPath")))
                    .map(m -> string(m.get("name")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": no /tmp"));
            assertThat(list(pod.get("volumes")).stream()
                            .map(Manifests::map)
                            .filter(v -> tmpVolume.equals(v.get("name")))
                            .findFirst()
                            .orElseThrow())
                    .containsKey("emptyDir");
            assertThat(map(container.get("resources"))).containsKeys("requests", "limits");
            assertThat(map(at(container, "resources", "limits"))).containsKey("memory");
        }
        Map<String, Object> compose = composeService("ledger");
        assertThat(string(compose.get("user"))).isNotIn("0", "root");
        assertThat(compose).containsEntry("read_only", true);
    }

    @Test
    void the_image_runs_as_an_unprivileged_user_given_by_number() throws IOException {
        List<String> users = Files.readAllLines(Manifests.DOCKERFILE).stream()
                .map(String::strip)
                .filter(line -> line.startsWith("USER "))
                .map(line -> line.substring(5).strip())
                .toList();
        assertThat(users).isNotEmpty();
        // the last USER is the one the container runs as; a number lets Kubernetes check runAsNonRoot
        assertThat(users.getLast()).matches("[1-9][0-9]*");
        for (Path overlay : Manifests.overlays()) {
            Object runAsUser = at(
                    Manifests.render(overlay).one("Deployment"),
                    "spec",
                    "template",
                    "spec",
                    "securityContext",
                    "runAsUser");
            assertThat(runAsUser == null ? users.getLast() : runAsUser.toString())
                    .isEqualTo(users.getLast());
        }
    }

    @Test
    void production_runs_three_replicas_at_least_and_development_fewer() {
        Manifests.Rendered prod = Manifests.render(Manifests.OVERLAYS.resolve("prod"));
        Manifests.Rendered dev = Manifests.render(Manifests.OVERLAYS.resolve("dev"));
        assertThat(at(prod.one("Deployment"), "spec", "replicas")).isEqualTo(3);
        // the autoscaler owns the count once applied: its minimum must not undercut the three
        assertThat((Integer) at(prod.one("HorizontalPodAutoscaler"), "spec", "minReplicas"))
                .isGreaterThanOrEqualTo(3);
        assertThat(at(prod.one("HorizontalPodAutoscaler"), "apiVersion")).isEqualTo("autoscaling/v2");
        assertThat((Integer) at(dev.one("Deployment"), "spec", "replicas")).isLessThan(3);
        assertThat((Integer) at(dev.one("HorizontalPodAutoscaler"), "spec", "minReplicas"))
                .isLessThanOrEqualTo((Integer) at(dev.one("HorizontalPodAutoscaler"), "spec", "maxReplicas"));
    }

    @Test
    void production_postgresql_is_a_cloudnativepg_cluster_of_three_with_a_synchronous_replica_the_service_uses() {
        for (Path overlay : Manifests.overlays()) {
            Manifests.Rendered rendered = Manifests.render(overlay);
            Map<String, Object> cluster = rendered.one("Cluster");
            assertThat(cluster.get("apiVersion")).isEqualTo("postgresql.cnpg.io/v1");
            String database = string(at(cluster, "spec", "bootstrap", "initdb", "database"));
            Map<String, String> config = configMapValues(overlay, rendered);
            for (String url : List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL")) {
                Matcher matcher = DATASOURCE_URL.matcher(config.get(url));
                assertThat(matcher.matches()).as(config.get(url)).isTrue();
                assertThat(matcher.group(1)).as(url).isEqualTo(name(cluster) + "-rw");
                assertThat(matcher.group(3)).as(url).isEqualTo(database);
            }
            List<Object> env = list(container(rendered).get("env"));
            // Flyway as the owner CloudNativePG created; the service as the runtime role the Cluster manages
            for (String credential : List.of("LEDGER_MIGRATION_USERNAME", "LEDGER_MIGRATION_PASSWORD")) {
                assertThat(env.stream()
                                .map(Manifests::map)
                                .filter(e -> credential.equals(e.get("name")))
                                .map(e -> string(at(e, "valueFrom", "secretKeyRef", "name"))))
                        .containsExactly(name(cluster) + "-app");
            }
            String runtimeSecret = null;
            for (Object role : list(at(cluster, "spec", "managed", "roles"))) {
                if (list(map(role).get("inRoles")).contains("ledger_runtime")) {
                    runtimeSecret = string(at(role, "passwordSecret", "name"));
                }
            }
            assertThat(runtimeSecret)
                    .as(overlay + ": a login role in ledger_runtime")
                    .isNotNull();
            for (String credential : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
                assertThat(env.stream()
                                .map(Manifests::map)
                                .filter(e -> credential.equals(e.get("name")))
                                .map(e -> string(at(e, "valueFrom", "secretKeyRef", "name"))))
                        .containsExactly(runtimeSecret);
            }
        }
        Map<String, Object> cluster =
                Manifests.render(Manifests.OVERLAYS.resolve("prod")).one("Cluster");
        assertThat(at(cluster, "spec", "instances")).isEqualTo(3);
        assertThat(string(at(cluster, "spec", "postgresql", "synchronous", "method")))
                .isIn("any", "first");
        assertThat((Integer) at(cluster, "spec", "postgresql", "synchronous", "number"))
                .isGreaterThanOrEqualTo(1);
        assertThat(at(cluster, "spec", "postgresql", "synchronous", "dataDurability"))
                .isIn(null, "required");
    }

    @Test
    void no_deployable_configuration_carries_a_key_or_password_of_the_repository() throws IOException {
        // anyone holding the repository could mint tokens, read personal data or sign checkpoints with such a key
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("docker")), Files.walk(Path.of("k8s")))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file))
                        .as(file.toString())
                        .doesNotContain(
                                "BEGIN PRIVATE KEY",
                                "BEGIN PUBLIC KEY",
                                "src/dev/",
                                "ZGV2LW9ubHkta2V5LWVuY3J5cHRpb24ta2V5LTMyYiE=",
                                "POSTGRES_PASSWORD:");
            }
        }
    }

    @Test
    void compose_starts_the_service_after_a_healthy_postgresql_it_is_wired_to() {
        Map<String, Object> postgres = composeService("postgres");
        Map<String, Object> ledger = composeService("ledger");
        assertThat(string(postgres.get("image"))).startsWith("postgres:17");
        assertThat(postgres).containsKey("healthcheck");
        assertThat(ledger).containsKey("healthcheck");
        assertThat(at(ledger, "depends_on", "postgres", "condition")).isEqualTo("service_healthy");
        Map<String, Object> database = map(postgres.get("environment"));
        Map<String, Object> service = map(ledger.get("environment"));
        for (String url : List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL")) {
            Matcher matcher = DATASOURCE_URL.matcher(string(service.get(url)));
            assertThat(matcher.matches()).as(url).isTrue();
            assertThat(matcher.group(1)).isEqualTo("postgres");
            assertThat(matcher.group(3)).isEqualTo(database.get("POSTGRES_DB"));
        }
        // the service is neither the superuser nor the owner of its tables (README, "Database roles")
        assertThat(service.get("QUARKUS_DATASOURCE_USERNAME"))
                .isEqualTo("ledger_app")
                .isNotEqualTo(database.get("POSTGRES_USER"))
                .isNotEqualTo(service.get("LEDGER_MIGRATION_USERNAME"));
        assertThat(database).doesNotContainKey("POSTGRES_PASSWORD").containsKey("POSTGRES_PASSWORD_FILE");
        for (String volume : strings(ledger.get("volumes")).stream()
                .filter(v -> v.startsWith("."))
                .toList()) {
            assertThat(Manifests.COMPOSE.getParent().resolve(volume.substring(0, volume.indexOf(':'))))
                    .as(volume)
                    .isRegularFile();
        }
    }

    // ---- what the application reads

    /**
     * The environment names of every setting the application knows: the keys and ${...} references of
     * application.properties, the properties its code reads, and every property of the Quarkus extensions on the
     * classpath (from the configuration model each extension ships). Environment names follow MicroProfile Config:
     * upper case, every other character an underscore.
     */
    private static Set<String> knownEnvironmentNames() throws IOException {
        Set<String> properties = new TreeSet<>();
        Properties application = applicationProperties();
        for (String key : application.stringPropertyNames()) {
            properties.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
            Matcher reference = Pattern.compile("\\$\\{([^:}]+)").matcher(application.getProperty(key));
            while (reference.find()) {
                properties.add(reference.group(1));
            }
        }
        Pattern read =
                Pattern.compile("(?:@ConfigProperty\\(name\\s*=\\s*|get(?:Optional)?Value\\(|setting\\()\"([^\"]+)\"");
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher matcher = read.matcher(Files.readString(source));
                while (matcher.find()) {
                    properties.add(matcher.group(1));
                }
            }
        }
        properties.addAll(quarkusProperties().keySet());
        Set<String> names = new TreeSet<>();
        properties.forEach(p -> names.add(p.toUpperCase().replaceAll("[^A-Z0-9]", "_")));
        return names;
    }

    /** Every property of the Quarkus extensions on the classpath, with its default (null when it has none). */
    private static Map<String, String> quarkusProperties() throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (URL model : Collections.list(ManifestsTest.class
                .getClassLoader()
                .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json"))) {
            try (InputStream in = model.openStream()) {
                collect(json.readTree(in), properties);
            }
        }
        assertThat(properties).as("Quarkus's configuration models").containsKey("quarkus.datasource.reactive.url");
        return properties;
    }

    private static void collect(JsonNode node, Map<String, String> properties) {
        if (node.has("path") && node.get("path").has("property")) {
            JsonNode defaultValue = node.get("defaultValue");
            properties.put(
                    node.get("path").get("property").asText(), defaultValue == null ? null : defaultValue.asText());
        }
        node.forEach(child -> collect(child, properties));
    }

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    /** A setting as the packaged application sees it: application.properties, else the extension's default. */
    private static String setting(String property) throws IOException {
        String value = applicationProperties().getProperty(property);
        return value != null ? value : quarkusProperties().get(property);
    }

    // ---- reading the manifests

    private static Map<String, Object> container(Manifests.Rendered rendered) {
        List<Object> containers = list(at(rendered.one("Deployment"), "spec", "template", "spec", "containers"));
        assertThat(containers).hasSize(1);
        return map(containers.getFirst());
    }

    /** The names of every environment variable the container gets: its own and those of the ConfigMaps it loads. */
    private static Set<String> environment(Manifests.Rendered rendered) {
        Set<String> names = new TreeSet<>();
        Map<String, Object> container = container(rendered);
        list(container.get("env")).forEach(e -> names.add(string(map(e).get("name"))));
        for (Object from : list(container.get("envFrom"))) {
            String configMap = string(at(from, "configMapRef", "name"));
            if (configMap != null) {
                names.addAll(rendered.configMaps().getOrDefault(configMap, Set.of()));
            }
        }
        return names;
    }

    /** The literal values of the overlay's generated ConfigMaps, base first, merges applied. */
    private static Map<String, String> configMapValues(Path overlay, Manifests.Rendered rendered) {
        Map<String, String> values = new LinkedHashMap<>();
        List<Path> chain = new ArrayList<>();
        for (Path dir = overlay; dir != null; ) {
            chain.addFirst(dir);
            Path next = null;
            for (String resource : strings(Manifests.kustomization(dir).get("resources"))) {
                if (Files.isDirectory(dir.resolve(resource))) {
                    next = dir.resolve(resource).normalize();
                }
            }
            dir = next;
        }
        for (Path dir : chain) {
            list(Manifests.kustomization(dir).get("configMapGenerator"))
                    .forEach(g -> strings(map(g).get("literals"))
                            .forEach(l -> values.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1))));
        }
        assertThat(values.keySet())
                .isSubsetOf(rendered.configMaps().values().stream()
                        .flatMap(Set::stream)
                        .toList());
        return values;
    }

    /** Secrets an overlay defines: generated, declared, copied in by an ExternalSecret, or made by CloudNativePG. */
    private static Map<String, Set<String>> definedSecrets(Manifests.Rendered rendered) {
        Map<String, Set<String>> secrets = new LinkedHashMap<>(rendered.secrets());
        for (Map<String, Object> secret : rendered.ofKind("Secret")) {
            Set<String> keys = new HashSet<>(map(secret.get("data")).keySet());
            keys.addAll(map(secret.get("stringData")).keySet());
            secrets.put(name(secret), keys);
        }
        for (Map<String, Object> external : rendered.ofKind("ExternalSecret")) {
            String target = string(at(external, "spec", "target", "name"));
            Set<String> keys = new HashSet<>();
            list(at(external, "spec", "data")).forEach(d -> keys.add(string(map(d).get("secretKey"))));
            secrets.put(target != null ? target : name(external), keys);
        }
        for (Map<String, Object> cluster : rendered.ofKind("Cluster")) {
            if (String.valueOf(cluster.get("apiVersion")).startsWith("postgresql.cnpg.io/")) {
                secrets.put(name(cluster) + "-app", CNPG_APP_SECRET_KEYS);
            }
        }
        return secrets;
    }

    private static void assertDefined(Path overlay, Map<String, Set<String>> defined, String name, String key) {
        if (name == null) {
            return;
        }
        assertThat(defined).as(overlay + " defines " + name).containsKey(name);
        if (key != null) {
            assertThat(defined.get(name))
                    .as(overlay + ": " + name + " has " + key)
                    .contains(key);
        }
    }

    private static Map<String, Object> composeService(String service) {
        return map(at(Manifests.documents(Manifests.COMPOSE).getFirst(), "services", service));
    }
}
