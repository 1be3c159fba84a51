package dev.berth.sandbox.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.sandbox.statemachine.JsonShape.Any;
import dev.berth.sandbox.statemachine.JsonShape.Arr;
import dev.berth.sandbox.statemachine.JsonShape.Bool;
import dev.berth.sandbox.statemachine.JsonShape.EnumName;
import dev.berth.sandbox.statemachine.JsonShape.Int;
import dev.berth.sandbox.statemachine.JsonShape.Labelled;
import dev.berth.sandbox.statemachine.JsonShape.Literal;
import dev.berth.sandbox.statemachine.JsonShape.Member;
import dev.berth.sandbox.statemachine.JsonShape.Mixed;
import dev.berth.sandbox.statemachine.JsonShape.Num;
import dev.berth.sandbox.statemachine.JsonShape.Obj;
import dev.berth.sandbox.statemachine.JsonShape.Str;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a state machine's JSONPath plumbing against the Java records its Lambda tasks read and write,
 * without running anything: the guaranteed input of every state (what holds on <em>every</em> path into
 * it, loops and Catch edges included, to a fixed point), then every {@code InputPath}, {@code Parameters},
 * {@code ResultSelector}, {@code ResultPath}, {@code OutputPath}, Choice {@code Variable} and Wait
 * {@code SecondsPath} against it, and every payload against the task's request record. A ResultPath no
 * state reads is reported too: the execution input starts with every field the states pass on, so a
 * misspelt one would otherwise leave the old value in place without a path failing.
 *
 * <p>Modelled: Task (a Lambda ARN as {@code Resource}, or Lambda's {@code .waitForTaskToken} integration naming one
 * as {@code FunctionName}, its {@code Payload} the function's request), Pass, Choice, Wait, Succeed, Fail; JSONPath
 * {@code $}, {@code .name} and {@code ['name']}; context paths; intrinsic functions by their result type.
 * Anything else is reported, so a definition never passes by using what the checker does not understand.
 */
final class StateMachinePaths {

    /** The record a Task's function reads and the one it returns. */
    record TaskTypes(String function, Type request, Type response) {}

    /** What a Catch puts at its ResultPath. */
    static final JsonShape CAUGHT = object("a caught error", "Error", Member.always(new Str("String")),
            "Cause", Member.always(new Str("String")));

    private static final Set<String> STRING_COMPARATORS = Set.of("StringEquals", "StringLessThan", "StringGreaterThan",
            "StringLessThanEquals", "StringGreaterThanEquals", "StringMatches");
    private static final Set<String> NUMERIC_COMPARATORS = Set.of("NumericEquals", "NumericLessThan", "NumericGreaterThan",
            "NumericLessThanEquals", "NumericGreaterThanEquals");
    private static final Set<String> TIMESTAMP_COMPARATORS = Set.of("TimestampEquals", "TimestampLessThan",
            "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals");
    private static final Set<String> TYPE_TESTS = Set.of("IsNull", "IsString", "IsNumeric", "IsBoolean", "IsTimestamp");
    private static final Set<String> RULE_FIELDS = Set.of("Variable", "Next", "Comment");
    private static final Pattern INTRINSIC = Pattern.compile("States\\.(\\w+)\\((.*)\\)", Pattern.DOTALL);
    private static final Pattern QUOTED = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern PATH_ARGUMENT = Pattern.compile("\\$\\$?[^,()\\s]*");
    private static final Map<String, JsonShape> INTRINSIC_RESULTS = Map.ofEntries(
            Map.entry("Format", new Str("String")), Map.entry("JsonToString", new Str("String")),
            Map.entry("StringToJson", new Any("States.StringToJson")), Map.entry("Array", new Arr(new Any("States.Array"))),
            Map.entry("ArrayPartition", new Arr(new Arr(new Any("States.ArrayPartition")))),
            Map.entry("ArrayContains", new Bool()), Map.entry("ArrayRange", new Arr(new Int())),
            Map.entry("ArrayGetItem", new Any("States.ArrayGetItem")), Map.entry("ArrayLength", new Int()),
            Map.entry("ArrayUnique", new Arr(new Any("States.ArrayUnique"))), Map.entry("Base64Encode", new Str("String")),
            Map.entry("Base64Decode", new Str("String")), Map.entry("Hash", new Str("String")),
            Map.entry("JsonMerge", new Any("States.JsonMerge")), Map.entry("MathRandom", new Int()),
            Map.entry("MathAdd", new Int()), Map.entry("StringSplit", new Arr(new Str("String"))),
            Map.entry("UUID", new Str("String")));
    /** A loop that would not settle is a bug in the checker, not in the definition. */
    private static final int MAX_VISITS = 10_000;

    private record Edge(String target, String label, JsonShape shape) {}

    /** A ResultPath other than {@code $}: where a state stores what it got. */
    private record Write(String state, String what, List<String> segments) {}

    private final JsonNode definition;
    private final JsonNode states;
    private final JsonShape executionInput;
    private final JsonShape context;
    /** The context object inside a {@code .waitForTaskToken} task, where {@code $$.Task.Token} exists. */
    private final JsonShape tokenContext;
    private boolean inTokenTask;
    private final Map<String, TaskTypes> tasks;
    /** Per state: the shape arriving along each edge into it. */
    private final Map<String, Map<String, JsonShape>> arriving = new LinkedHashMap<>();
    /** Every input path some state reads (as segments), and every ResultPath some state writes. */
    private final Set<List<String>> reads = new LinkedHashSet<>();
    private final Set<Write> writes = new LinkedHashSet<>();

    private StateMachinePaths(JsonNode definition, Type executionInput, Map<String, TaskTypes> tasksByResource) {
        this.definition = definition;
        this.states = definition.path("States");
        this.executionInput = JavaShapes.written(executionInput);
        this.context = contextObject(this.executionInput, false);
        this.tokenContext = contextObject(this.executionInput, true);
        this.tasks = Map.copyOf(tasksByResource);
    }

    /**
     * Every problem of the definition, one sentence each naming the state, the field and what is wrong;
     * empty when every path resolves and every payload fits.
     *
     * @param executionInput  the type executions are started with
     * @param tasksByResource each Task {@code Resource} (after substitution) and its function's types
     */
    static List<String> problems(JsonNode definition, Type executionInput, Map<String, TaskTypes> tasksByResource) {
        return new StateMachinePaths(definition, executionInput, tasksByResource).check();
    }

    private List<String> check() {
        var problems = new ArrayList<String>();
        String start = definition.path("StartAt").asText();
        if (!states.has(start)) {
            return List.of("StartAt '" + start + "' is not a state");
        }
        settle(start);
        Consumer<String> report = problems::add;
        states.properties().forEach(entry -> {
            String name = entry.getKey();
            Optional<JsonShape> input = input(name);
            if (input.isEmpty()) {
                problems.add("state '" + name + "' is never reached from StartAt, so its paths cannot be checked");
            } else {
                flow(name, input.get(), report);
            }
        });
        for (Write write : writes) {
            if (reads.stream().noneMatch(read -> prefix(read, write.segments()) || prefix(write.segments(), read))) {
                problems.add("state '" + write.state() + "': " + write.what() + ": no state reads $." + String.join(".", write.segments())
                        + ", so what it stores is never used (a misspelt ResultPath goes unnoticed while the field it meant keeps its old value)");
            }
        }
        return List.copyOf(new LinkedHashSet<>(problems));
    }

    /** Propagates shapes along every edge until no state's guaranteed input changes any more. */
    private void settle(String start) {
        arrive(start, "the execution input", executionInput);
        var pending = new ArrayDeque<String>(List.of(start));
        Consumer<String> quiet = problem -> {};
        int visits = 0;
        while (!pending.isEmpty()) {
            if (++visits > MAX_VISITS) {
                throw new IllegalStateException("the shapes did not settle after " + MAX_VISITS + " visits");
            }
            String name = pending.poll();
            for (Edge edge : flow(name, input(name).orElseThrow(), quiet)) {
                if (states.has(edge.target()) && arrive(edge.target(), edge.label(), edge.shape()) && !pending.contains(edge.target())) {
                    pending.add(edge.target());
                }
            }
        }
    }

    private boolean arrive(String state, String label, JsonShape shape) {
        return !shape.equals(arriving.computeIfAbsent(state, s -> new LinkedHashMap<>()).put(label, shape));
    }

    /** What holds on every path into the state; empty when no path reaches it. */
    private Optional<JsonShape> input(String state) {
        Map<String, JsonShape> edges = arriving.get(state);
        if (edges == null || edges.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(JsonShape.meet(edges.entrySet().stream().map(e -> new Labelled(e.getKey(), e.getValue())).toList()));
    }

    /** What the state does to its input: the edges out with their shapes; problems go to {@code report}. */
    private List<Edge> flow(String name, JsonShape input, Consumer<String> report) {
        JsonNode state = states.path(name);
        Consumer<String> problem = text -> report.accept("state '" + name + "': " + text);
        String type = state.path("Type").asText();
        var edges = new ArrayList<Edge>();
        switch (type) {
            case "Task" -> {
                JsonShape effective = select(input, state.path("InputPath"), "InputPath", problem);
                JsonShape result = task(state, effective, problem);
                if (state.has("ResultSelector")) {
                    result = payload(state.path("ResultSelector"), result, "ResultSelector", problem);
                }
                JsonShape out = select(place(name, input, state.path("ResultPath"), result, "ResultPath", problem),
                        state.path("OutputPath"), "OutputPath", problem);
                next(name, state, out, edges, problem);
                int i = 0;
                for (JsonNode caught : state.path("Catch")) {
                    String label = "'" + name + "' (Catch" + (state.path("Catch").size() > 1 ? " #" + (i + 1) : "") + ")";
                    edges.add(new Edge(caught.path("Next").asText(), label,
                            place(name, input, caught.path("ResultPath"), CAUGHT, "Catch #" + (i + 1) + " ResultPath", problem)));
                    i++;
                }
            }
            case "Pass" -> {
                JsonShape effective = select(input, state.path("InputPath"), "InputPath", problem);
                JsonShape result = state.has("Parameters") ? payload(state.path("Parameters"), effective, "Parameters", problem)
                        : state.has("Result") ? literal(state.path("Result"), "Result") : passedOn(effective);
                next(name, state, select(place(name, input, state.path("ResultPath"), result, "ResultPath", problem),
                        state.path("OutputPath"), "OutputPath", problem), edges, problem);
            }
            case "Choice" -> {
                JsonShape effective = select(input, state.path("InputPath"), "InputPath", problem);
                JsonShape out = select(effective, state.path("OutputPath"), "OutputPath", problem);
                int i = 0;
                for (JsonNode choice : state.path("Choices")) {
                    rule(choice, effective, "Choices[" + i++ + "]", problem);
                    edges.add(new Edge(choice.path("Next").asText(), "'" + name + "'", out));
                }
                if (state.has("Default")) {
                    edges.add(new Edge(state.path("Default").asText(), "'" + name + "' (Default)", out));
                }
            }
            case "Wait" -> {
                JsonShape effective = select(input, state.path("InputPath"), "InputPath", problem);
                if (state.has("SecondsPath")) {
                    path(state.path("SecondsPath").asText(), effective, "SecondsPath", problem)
                            .ifPresent(seconds -> fits(seconds, new Int(), "SecondsPath " + state.path("SecondsPath").asText(), problem));
                }
                if (state.has("TimestampPath")) {
                    path(state.path("TimestampPath").asText(), effective, "TimestampPath", problem)
                            .ifPresent(at -> fits(at, new Str("String"), "TimestampPath " + state.path("TimestampPath").asText(), problem));
                }
                next(name, state, select(effective, state.path("OutputPath"), "OutputPath", problem), edges, problem);
            }
            case "Succeed" -> select(select(input, state.path("InputPath"), "InputPath", problem), state.path("OutputPath"),
                    "OutputPath", problem);
            case "Fail" -> {
                for (String field : List.of("ErrorPath", "CausePath")) {
                    if (state.has(field)) {
                        String text = state.path(field).asText();
                        dynamic(text, input, field, problem).ifPresent(value -> fits(value, new Str("String"), field + " " + text, problem));
                    }
                }
            }
            default -> {
                problem.accept("a " + (type.isEmpty() ? "state without a Type" : type + " state")
                        + " is not modelled by StateMachinePaths: teach it before the definition uses one");
                next(name, state, new Any("the output of a " + type + " state"), edges, problem);
            }
        }
        for (Edge edge : edges) {
            if (!states.has(edge.target())) {
                problem.accept("goes to '" + edge.target() + "', which is not a state");
            }
        }
        return edges;
    }

    /** Checks what a Task sends its function, and returns what the function gives back. */
    private JsonShape task(JsonNode state, JsonShape effective, Consumer<String> problem) {
        if (state.path("Resource").asText().equals(WAIT_FOR_TASK_TOKEN)) {
            return callback(state, effective, problem);
        }
        String resource = state.path("Resource").asText();
        TaskTypes types = tasks.get(resource);
        if (types == null) {
            problem.accept("Resource '" + resource + "' is no function whose request and result records are known "
                    + "(known: " + tasks.keySet() + ")");
            return new Any("the result of an unknown function");
        }
        JsonShape request = JavaShapes.read(types.request());
        String requestName = request.describe();
        if (state.has("Parameters")) {
            fits(payload(state.path("Parameters"), effective, "Parameters", problem), request, "Parameters → " + requestName, problem);
        } else {
            reads.add(List.of()); // the whole (effective) input is the function's
            fits(effective, request, "the input passed to " + types.function() + " → " + requestName, problem);
        }
        return JavaShapes.written(types.response());
    }

    static final String WAIT_FOR_TASK_TOKEN = "arn:aws:states:::lambda:invoke.waitForTaskToken";

    /**
     * Lambda's {@code .waitForTaskToken} integration: {@code Parameters.FunctionName} is the function, {@code Payload}
     * its request (where {@code $$.Task.Token} exists); what the task gives is what SendTaskSuccess sends, which no
     * record describes.
     */
    private JsonShape callback(JsonNode state, JsonShape effective, Consumer<String> problem) {
        String function = state.path("Parameters").path("FunctionName").asText();
        TaskTypes types = tasks.get(function);
        if (types == null) {
            problem.accept("FunctionName '" + function + "' is no function whose request record is known (known: " + tasks.keySet() + ")");
            return new Any("what SendTaskSuccess sends");
        }
        JsonShape request = JavaShapes.read(types.request());
        inTokenTask = true;
        try {
            fits(payload(state.path("Parameters").path("Payload"), effective, "Payload", problem), request,
                    "Payload → " + request.describe(), problem);
        } finally {
            inTokenTask = false;
        }
        if (state.has("TimeoutSecondsPath")) {
            String timeout = state.path("TimeoutSecondsPath").asText();
            path(timeout, effective, "TimeoutSecondsPath", problem).ifPresent(seconds -> fits(seconds, new Int(), "TimeoutSecondsPath " + timeout, problem));
        }
        return new Any("what SendTaskSuccess sends");
    }

    /** A Pass state that passes its input on reads all of it, as far as what later states read is concerned. */
    private JsonShape passedOn(JsonShape effective) {
        reads.add(List.of());
        return effective;
    }

    private static void next(String name, JsonNode state, JsonShape out, List<Edge> edges, Consumer<String> problem) {
        if (state.has("Next")) {
            edges.add(new Edge(state.path("Next").asText(), "'" + name + "'", out));
        } else if (!state.path("End").asBoolean(false)) {
            problem.accept("has neither Next nor End");
        }
    }

    // ------------------------------------------------------------------ payloads, paths, ResultPath

    /** A payload template ({@code Parameters}, {@code ResultSelector}): {@code key.$} from paths, other keys literal. */
    private JsonShape payload(JsonNode template, JsonShape input, String where, Consumer<String> problem) {
        if (!template.isObject()) {
            problem.accept(where + " is " + template.getNodeType() + ", not an object");
            return literal(template, where);
        }
        var fields = new LinkedHashMap<String, Member>();
        template.properties().forEach(entry -> {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            String at = where + " '" + key + "'";
            if (key.endsWith(".$")) {
                JsonShape shape = value.isTextual()
                        ? dynamic(value.asText(), input, at, problem).orElse(new Any("an unresolved path"))
                        : reject(problem, at + " must be a path string, got " + value);
                fields.put(key.substring(0, key.length() - 2), Member.always(shape));
            } else if (value.isObject()) {
                fields.put(key, Member.always(payload(value, input, at, problem)));
            } else {
                fields.put(key, Member.always(literal(value, at)));
            }
        });
        return new Obj(where, fields, true);
    }

    private static JsonShape reject(Consumer<String> problem, String text) {
        problem.accept(text);
        return new Any("a rejected value");
    }

    /** The shape of written-out JSON (a Pass state's Result, a literal in a payload). */
    private static JsonShape literal(JsonNode value, String where) {
        if (value.isObject()) {
            var fields = new LinkedHashMap<String, Member>();
            value.properties().forEach(e -> fields.put(e.getKey(), Member.always(literal(e.getValue(), where + " '" + e.getKey() + "'"))));
            return new Obj(where, fields, true);
        }
        var items = new ArrayList<Labelled>();
        value.forEach(item -> items.add(new Labelled("", literal(item, where + "[]"))));
        if (value.isArray() && items.stream().anyMatch(item -> !(item.shape() instanceof Literal))) {
            return new Arr(items.isEmpty() ? new Any("an empty array's item") : JsonShape.meet(items));
        }
        return new Literal(value);
    }

    /** A {@code .$} value: a path into the input, a context path, or an intrinsic function. */
    private Optional<JsonShape> dynamic(String expression, JsonShape input, String where, Consumer<String> problem) {
        if (expression.startsWith("$")) {
            return path(expression, input, where, problem);
        }
        Matcher intrinsic = INTRINSIC.matcher(expression);
        if (!intrinsic.matches()) {
            problem.accept(where + ": '" + expression + "' is neither a path nor an intrinsic function");
            return Optional.empty();
        }
        JsonShape result = INTRINSIC_RESULTS.get(intrinsic.group(1));
        if (result == null) {
            problem.accept(where + ": States." + intrinsic.group(1) + " is not an intrinsic function");
            return Optional.empty();
        }
        Matcher argument = PATH_ARGUMENT.matcher(QUOTED.matcher(intrinsic.group(2)).replaceAll("''"));
        while (argument.find()) {
            path(argument.group(), input, where, problem);
        }
        return Optional.of(result);
    }

    /** Where a path leads on the input ({@code $...}) or the context object ({@code $$...}), if it surely exists. */
    private Optional<JsonShape> path(String path, JsonShape input, String where, Consumer<String> problem) {
        boolean contextPath = path.startsWith("$$");
        Optional<List<String>> segments = segments(contextPath ? path.substring(1) : path);
        if (segments.isEmpty()) {
            problem.accept(where + ": " + path + " is not a path StateMachinePaths models ($, .name, ['name'])");
            return Optional.empty();
        }
        if (!contextPath) {
            reads.add(segments.get());
        }
        JsonShape at = contextPath ? (inTokenTask ? tokenContext : context) : input;
        String walked = contextPath ? "$$" : "$";
        for (String segment : segments.get()) {
            String reached = walked + "." + segment;
            switch (at) {
                case Obj object -> {
                    Member member = object.fields().get(segment);
                    if (member == null) {
                        problem.accept(where + ": " + path + " does not exist: " + walked
                                + (object.describe().equals(walked) ? "" : " (" + object.describe() + ")")
                                + " has no '" + segment + "'; it has " + object.fields().keySet());
                        return Optional.empty();
                    }
                    if (!member.guaranteed()) {
                        problem.accept(where + ": " + path + " is not guaranteed: " + reached + " may be missing ("
                                + member.absentWhen().orElseThrow() + ")");
                        return Optional.empty();
                    }
                    at = member.shape();
                }
                case Any any -> {
                    problem.accept(where + ": " + path + " is not guaranteed: " + walked + " is " + any.describe()
                            + ", so nothing says it has '" + segment + "'");
                    return Optional.empty();
                }
                default -> {
                    problem.accept(where + ": " + path + " does not exist: " + walked + " is " + at.describe()
                            + ", not an object with '" + segment + "'");
                    return Optional.empty();
                }
            }
            walked = reached;
        }
        return Optional.of(at);
    }

    private static boolean prefix(List<String> shorter, List<String> longer) {
        return shorter.size() <= longer.size() && longer.subList(0, shorter.size()).equals(shorter);
    }

    /** {@code $}, {@code $.a.b}, {@code $['a']}: the field names; empty for anything else (indexes, wildcards, filters). */
    static Optional<List<String>> segments(String path) {
        if (!path.startsWith("$")) {
            return Optional.empty();
        }
        var segments = new ArrayList<String>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                String name = path.substring(i + 1, end);
                if (name.isEmpty() || name.equals("*")) {
                    return Optional.empty();
                }
                segments.add(name);
                i = end;
            } else if (c == '[' && i + 1 < path.length() && (path.charAt(i + 1) == '\'' || path.charAt(i + 1) == '"')) {
                char quote = path.charAt(i + 1);
                int close = path.indexOf(quote, i + 2);
                if (close < 0 || close + 1 >= path.length() || path.charAt(close + 1) != ']') {
                    return Optional.empty();
                }
                segments.add(path.substring(i + 2, close));
                i = close + 2;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(segments);
    }

    /** {@code InputPath}/{@code OutputPath}: the selected part; {@code null} selects {@code {}}. */
    private JsonShape select(JsonShape shape, JsonNode path, String field, Consumer<String> problem) {
        if (path.isMissingNode()) {
            return shape;
        }
        if (path.isNull()) {
            return new Obj("{} (" + field + " null)", Map.of(), false);
        }
        if (path.asText().startsWith("$$")) {
            problem.accept(field + " " + path.asText() + " must select from the state's input, not the context object");
            return new Any("a context path");
        }
        return path(path.asText(), shape, field, problem).orElse(new Any("an unresolved " + field));
    }

    /** {@code ResultPath}: {@code $} (or absent) replaces the input, {@code null} keeps it, {@code $.a.b} sets that field. */
    private JsonShape place(String state, JsonShape input, JsonNode resultPath, JsonShape result, String field, Consumer<String> problem) {
        if (resultPath.isMissingNode()) {
            return result;
        }
        if (resultPath.isNull()) {
            return input;
        }
        String text = resultPath.asText();
        Optional<List<String>> segments = text.startsWith("$$") ? Optional.empty() : segments(text);
        if (segments.isEmpty()) {
            problem.accept(field + " " + text + " is not a path into the state's input that StateMachinePaths models ($, $.a.b)");
            return new Any("an unmodelled " + field);
        }
        if (!segments.get().isEmpty()) {
            writes.add(new Write(state, field + " " + text, segments.get()));
        }
        return set(input, segments.get(), 0, result, field + " " + text, problem);
    }

    private JsonShape set(JsonShape at, List<String> segments, int index, JsonShape result, String where, Consumer<String> problem) {
        if (index == segments.size()) {
            return result;
        }
        String walked = "$" + (index == 0 ? "" : "." + String.join(".", segments.subList(0, index)));
        Obj object = switch (at) {
            case Obj o -> o;
            case Any _ -> new Obj("an object", Map.of(), false);
            default -> {
                problem.accept(where + ": " + walked + " is " + at.describe()
                        + ", not an object: Step Functions would fail with States.ResultPathMatchFailure");
                yield null;
            }
        };
        if (object == null) {
            return new Any("a failed " + where);
        }
        String name = segments.get(index);
        Member existing = object.fields().get(name);
        JsonShape child;
        if (existing == null) {
            child = new Obj("an object", Map.of(), false); // Step Functions creates what is missing on the way
        } else if (existing.guaranteed() || index == segments.size() - 1) {
            child = existing.shape();
        } else {
            child = existing.shape() instanceof Obj o ? maybeAll(o, walked + "." + name + " may not have existed before " + where)
                    : existing.shape();
        }
        var fields = new LinkedHashMap<>(object.fields());
        fields.put(name, Member.always(set(child, segments, index + 1, result, where, problem)));
        return new Obj(object.name(), fields, object.literal());
    }

    private static Obj maybeAll(Obj object, String why) {
        var fields = new LinkedHashMap<String, Member>();
        object.fields().forEach((name, member) -> fields.put(name, new Member(member.shape(), member.absentWhen().or(() -> Optional.of(why)))));
        return new Obj(object.name(), fields, object.literal());
    }

    // ------------------------------------------------------------------ what goes where

    /** Whether {@code value} is something the mapper reads into {@code wanted}; else a problem naming {@code where}. */
    static void fits(JsonShape value, JsonShape wanted, String where, Consumer<String> problem) {
        if (wanted instanceof Any || value instanceof Any) {
            return; // untyped on one side: nothing to hold it to (paths into it are checked where they are taken)
        }
        if (value instanceof Mixed mixed) {
            problem.accept(where + ": the value is " + mixed.describe() + ", " + wanted.describe() + " wanted");
            return;
        }
        boolean ok = switch (wanted) {
            case Str _ -> value instanceof Str || value instanceof EnumName || value instanceof Literal l && l.value().isTextual();
            case EnumName e -> enumName(value, e, where, problem);
            case Int _ -> value instanceof Int || value instanceof Literal l && l.value().isIntegralNumber();
            case Num _ -> value instanceof Int || value instanceof Num || value instanceof Literal l && l.value().isNumber();
            case Bool _ -> value instanceof Bool || value instanceof Literal l && l.value().isBoolean();
            case Arr array -> switch (value) {
                case Arr items -> {
                    fits(items.items(), array.items(), where + "[]", problem);
                    yield true;
                }
                case Literal l when l.value().isArray() -> {
                    l.value().forEach(item -> fits(new Literal(item), array.items(), where + "[]", problem));
                    yield true;
                }
                default -> false;
            };
            case Obj wantedRecord -> {
                if (value instanceof Obj object) {
                    fitsObject(object, wantedRecord, where, problem);
                    yield true;
                }
                yield false;
            }
            default -> throw new IllegalArgumentException("a Java type does not have the shape " + wanted);
        };
        if (!ok) {
            problem.accept(where + ": " + value.describe() + " where " + wanted.describe() + " is wanted");
        }
    }

    private static boolean enumName(JsonShape value, EnumName wanted, String where, Consumer<String> problem) {
        Set<String> names = wanted.names();
        switch (value) {
            case EnumName other -> {
                if (!names.containsAll(other.names())) {
                    problem.accept(where + ": " + other.describe() + " is not always " + wanted.describe());
                }
                return true;
            }
            case Literal l when l.value().isTextual() -> {
                if (!names.contains(l.value().asText())) {
                    problem.accept(where + ": '" + l.value().asText() + "' is not " + wanted.describe());
                }
                return true;
            }
            case Str s -> {
                problem.accept(where + ": " + s.describe() + " is not guaranteed to be " + wanted.describe());
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private static void fitsObject(Obj value, Obj wanted, String where, Consumer<String> problem) {
        wanted.fields().forEach((name, component) -> {
            Member given = value.fields().get(name);
            String at = where + "." + name;
            if (given == null) {
                if (component.guaranteed()) {
                    problem.accept(at + " is not supplied" + (value.literal() ? "" : ": " + value.describe() + " has no '" + name + "'")
                            + " (a component that is not Optional: say what it is)");
                }
            } else if (given.shape() instanceof Literal l && l.value().isNull()) {
                if (component.guaranteed()) {
                    problem.accept(at + " is given null, but it is not Optional");
                }
            } else if (!given.guaranteed() && component.guaranteed()) {
                problem.accept(at + " is not Optional, but what is given may be missing (" + given.absentWhen().orElseThrow() + ")");
            } else {
                fits(given.shape(), component.shape(), at, problem);
            }
        });
        if (value.literal()) {
            value.fields().keySet().stream().filter(name -> !wanted.fields().containsKey(name)).forEach(name ->
                    problem.accept(where + ": '" + name + "' is not a component of " + wanted.describe()
                            + " (it reads " + wanted.fields().keySet() + "); Berth's mapper would silently ignore it"));
        }
    }

    /** A Choice rule (with And/Or/Not): its Variable must exist, and what it is compared with must suit it. */
    private void rule(JsonNode rule, JsonShape input, String where, Consumer<String> problem) {
        for (String combinator : List.of("And", "Or")) {
            if (rule.has(combinator)) {
                int i = 0;
                for (JsonNode inner : rule.path(combinator)) {
                    rule(inner, input, where + "." + combinator + "[" + i++ + "]", problem);
                }
                return;
            }
        }
        if (rule.has("Not")) {
            rule(rule.path("Not"), input, where + ".Not", problem);
            return;
        }
        String variable = rule.path("Variable").asText();
        List<String> comparators = new ArrayList<>();
        rule.properties().forEach(field -> {
            if (!RULE_FIELDS.contains(field.getKey())) {
                comparators.add(field.getKey());
            }
        });
        if (comparators.size() != 1) {
            problem.accept(where + ": a rule compares with exactly one operator, got " + comparators);
            return;
        }
        String comparator = comparators.getFirst();
        String at = where + " " + variable + " " + comparator;
        if (comparator.equals("IsPresent")) {
            if (segments(variable.startsWith("$$") ? variable.substring(1) : variable).isEmpty()) {
                problem.accept(where + ": " + variable + " is not a path StateMachinePaths models");
            }
            return; // the one test that may look at a path that is not there
        }
        Optional<JsonShape> resolved = path(variable, input, where + " Variable", problem);
        if (resolved.isEmpty() || resolved.get() instanceof Any) {
            return;
        }
        JsonShape shape = resolved.get();
        JsonNode operand = rule.path(comparator);
        String base = comparator.endsWith("Path") ? comparator.substring(0, comparator.length() - "Path".length()) : comparator;
        JsonShape compared = comparator.endsWith("Path")
                ? path(operand.asText(), input, at, problem).orElse(new Any("an unresolved path"))
                : new Literal(operand);
        if (STRING_COMPARATORS.contains(base)) {
            if (base.equals("StringEquals") && shape instanceof EnumName) {
                fits(compared, shape, at, problem); // an enum's variable only ever holds its names
            }
            fits(shape, new Str("String"), at + " (the variable)", problem);
            fits(compared, new Str("String"), at, problem);
        } else if (NUMERIC_COMPARATORS.contains(base)) {
            fits(shape, new Num(), at + " (the variable)", problem);
            fits(compared, new Num(), at, problem);
        } else if (base.equals("BooleanEquals")) {
            fits(shape, new Bool(), at + " (the variable)", problem);
            fits(compared, new Bool(), at, problem);
        } else if (TIMESTAMP_COMPARATORS.contains(base)) {
            fits(shape, new Str("String"), at + " (the variable)", problem);
            fits(compared, new Str("String"), at, problem);
        } else if (!TYPE_TESTS.contains(comparator)) {
            problem.accept(where + ": " + comparator + " is not a Choice comparator");
        }
    }

    /** The context object ({@code $$}) of a Standard execution, with the execution input at {@code $$.Execution.Input}. */
    private static JsonShape contextObject(JsonShape executionInput, boolean tokenTask) {
        Member text = Member.always(new Str("String"));
        return object("$$",
                "Execution", Member.always(object("$$.Execution", "Id", text, "Input", Member.always(executionInput), "Name", text,
                        "RoleArn", text, "StartTime", text, "RedriveCount", Member.always(new Int()),
                        "RedriveTime", Member.maybe(new Str("String"), "only set once an execution was redriven"))),
                "State", Member.always(object("$$.State", "EnteredTime", text, "Name", text, "RetryCount", Member.always(new Int()))),
                "StateMachine", Member.always(object("$$.StateMachine", "Id", text, "Name", text)),
                "Task", tokenTask ? Member.always(object("$$.Task", "Token", text))
                        : Member.maybe(object("$$.Task", "Token", text), "only there in a .waitForTaskToken task"),
                "Map", Member.maybe(object("$$.Map", "Item", Member.always(object("$$.Map.Item", "Index", Member.always(new Int()),
                        "Value", Member.always(new Any("a Map item"))))), "only there inside a Map state"));
    }

    /** An object with these fields, in this order (messages list them). */
    private static Obj object(String name, Object... namesAndMembers) {
        var fields = new LinkedHashMap<String, Member>();
        for (int i = 0; i < namesAndMembers.length; i += 2) {
            fields.put((String) namesAndMembers[i], (Member) namesAndMembers[i + 1]);
        }
        return new Obj(name, fields, false);
    }
}
