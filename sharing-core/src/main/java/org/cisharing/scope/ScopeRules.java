package org.cisharing.scope;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.cisharing.Violation;
import org.cisharing.internal.scope.RuleDocument;
import org.cisharing.internal.scope.RuleEngine;

/**
 * A compiled set of scope rules and sector profiles: the defaults shipped with the library,
 * optionally extended or overridden by the operator's own files (format {@code
 * cisharing.scope-rules/1}, see {@code docs/handbook/en/scope.md}).
 *
 * <p>A file laid over the rules adds signals, rules and profiles with new ids (appended after the
 * existing ones) and deep-merges entries with an existing id, so a single threshold can be
 * overridden without copying the profile. Evaluation order: {@code classify}-phase rules, then
 * {@code fallback}-phase rules, then profiles, each in file order (defaults first). A file with an
 * error is refused as a whole with a {@link ScopeRulesException} naming the file, each rule and
 * each problem. Immutable and thread-safe.
 *
 * <pre>{@code
 * ScopeClassifier classifier =
 *     ScopeClassifier.of(ScopeRules.defaults().with(Path.of("/etc/sharing/scope-rules.json")));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ScopeRules {
  private static final String DEFAULT_RESOURCE = "default-rules.json";
  private static final ScopeRules DEFAULTS = loadDefaults();

  private final RuleDocument document;
  private final RuleEngine engine;

  private ScopeRules(RuleDocument document, RuleEngine engine) {
    this.document = document;
    this.engine = engine;
  }

  /** The default rules and sector profiles shipped with this library version. */
  public static ScopeRules defaults() {
    return DEFAULTS;
  }

  private static ScopeRules loadDefaults() {
    String source = "classpath:org/cisharing/scope/" + DEFAULT_RESOURCE;
    try (InputStream in = ScopeRules.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + source);
      }
      RuleDocument doc = RuleDocument.parse(in.readAllBytes(), source);
      return new ScopeRules(doc, RuleEngine.compile(doc, source));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }

  /**
   * These rules with a rule file laid over them.
   *
   * @throws ScopeRulesException naming the file and every problem, when it cannot be read or is
   *     invalid
   */
  public ScopeRules with(Path file) {
    Objects.requireNonNull(file, "file");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ScopeRulesException(
          file.toString(), List.of(new Violation("", "cannot read the file: " + e)));
    }
    return with(bytes, file.toString());
  }

  /**
   * These rules with a rule document laid over them.
   *
   * @param json the rule document
   * @param source the name to report errors against, e.g. a file name
   * @throws ScopeRulesException naming the source and every problem
   */
  public ScopeRules with(String json, String source) {
    Objects.requireNonNull(json, "json");
    return with(json.getBytes(StandardCharsets.UTF_8), source);
  }

  private ScopeRules with(byte[] json, String source) {
    Objects.requireNonNull(source, "source");
    RuleDocument merged = document.overlay(RuleDocument.parse(json, source));
    return new ScopeRules(merged, RuleEngine.compile(merged, source));
  }

  /** Rule and profile ids, in evaluation order (disabled ones left out). */
  public List<String> ruleIds() {
    return engine.ruleIds();
  }

  /** The signal codes of the vocabulary, in declaration order. */
  public List<String> signalCodes() {
    return engine.signalCodes();
  }

  /** The version string of the last file that declared one, e.g. {@code 2026.11}; may be null. */
  public String version() {
    return engine.version();
  }

  RuleEngine engine() {
    return engine;
  }
}
