package org.cisharing.advisory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.cisharing.Violation;
import org.cisharing.internal.advisory.CsafReader;
import org.cisharing.model.Role;

/**
 * Imports CSAF 2.0 (OASIS) security advisories, such as CISA's ICS advisories, as {@link
 * Advisory} values: title, tracking id and version, release date, publisher, TLP (the v1 label
 * {@code WHITE} becomes {@code TLP:CLEAR}), summary and description notes, references and CVE ids,
 * the product tree's vendors, products and versions that a vulnerability lists as {@code
 * known_affected}, and the remediations as action items for one role ({@link Role#CONTROL_SYSTEM}
 * for ICS advisories, whose tracking id starts with {@code ICSA-} or {@code ICSMA-}, {@link
 * Role#SYSTEM_ADMIN} otherwise). A version range this library cannot read is kept verbatim and
 * yields possible matches.
 *
 * <p>Stateless and thread-safe. A document that is not valid CSAF for these fields fails with a
 * {@link CsafFormatException} naming each offending field.
 *
 * @since 0.1.0
 */
public final class CsafAdvisories {
  /** The largest CSAF document read, in bytes (16 MiB; CSAF documents can be large). */
  public static final int MAX_CSAF_BYTES = 16 << 20;

  private CsafAdvisories() {}

  /** Imports a CSAF document, addressing its remediations to the role its kind suggests. */
  public static Advisory read(String json) {
    return CsafReader.read(Objects.requireNonNull(json, "json"), null);
  }

  /** Imports a CSAF document, addressing its remediations to {@code role}. */
  public static Advisory read(String json, Role role) {
    return CsafReader.read(Objects.requireNonNull(json, "json"), Objects.requireNonNull(role, "role"));
  }

  /**
   * Imports a CSAF file.
   *
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Advisory read(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      if (Files.size(file) > MAX_CSAF_BYTES) {
        throw new CsafFormatException("CSAF document " + file,
            List.of(new Violation("", "larger than " + MAX_CSAF_BYTES + " bytes")));
      }
      return read(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CSAF document " + file, e);
    }
  }

  /**
   * Checks a CSAF file against its {@code .sha512} file ({@code <hex digest>  <file name>}, as
   * CSAF providers publish them).
   *
   * @return whether the digest matches the file's bytes
   * @throws CsafFormatException when the hash file holds no SHA-512 hex digest
   * @throws UncheckedIOException when a file cannot be read
   */
  public static boolean verifySha512(Path json, Path sha512) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(sha512, "sha512");
    try {
      String line = Files.readString(sha512, StandardCharsets.US_ASCII).trim();
      String hex = line.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
      if (!hex.matches("[0-9a-f]{128}")) {
        throw new CsafFormatException("hash file " + sha512,
            List.of(new Violation("", "expected a SHA-512 hex digest (128 hex digits) followed by the file name")));
      }
      byte[] expected = HexFormat.of().parseHex(hex);
      byte[] actual = MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(json));
      return MessageDigest.isEqual(expected, actual);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + json + " or " + sha512, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-512", e);
    }
  }
}
