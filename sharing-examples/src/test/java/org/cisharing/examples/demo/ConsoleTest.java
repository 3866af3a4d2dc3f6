package org.cisharing.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final Console console = new Console(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

  private List<String> lines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void wrapsEnglishAtSpacesUnderTheValueColumn() {
    console.line("because", "The critical service was stopped: a critical service outage whatever the signals, to be shared immediately.");

    assertThat(lines()).hasSizeGreaterThan(1).allSatisfy(l -> assertThat(Console.width(l)).isLessThanOrEqualTo(Console.WIDTH));
    assertThat(lines().get(1)).startsWith(" ".repeat(27)).doesNotStartWith(" ".repeat(28));
    assertThat(String.join(" ", lines()).replaceAll(" +", " ")).contains("shared immediately.");
  }

  @Test
  void wrapsJapaneseByDisplayWidthWithoutStartingALineWithAClosingMark() {
    console.wrapped(1, "08:50  ", "ハブに接続できない (接続リセット)。報告は送信箱に保持され再送される。とても長い説明がここに続きます。");

    assertThat(lines()).hasSizeGreaterThan(1);
    assertThat(lines()).allSatisfy(l -> assertThat(l.strip()).doesNotStartWith("。").doesNotStartWith("、"));
    assertThat(lines()).allSatisfy(l -> assertThat(Console.width(l)).isLessThanOrEqualTo(Console.WIDTH + 2));
  }

  @Test
  void printsOnlyTheFinishedProgressLineWhenNotOnATerminal() {
    console.progress(4, 7, "delivering reports", 1, 5);
    console.progress(4, 7, "delivering reports", 5, 5);

    assertThat(lines()).containsExactly("[4/7] delivering reports ... 5/5");
  }
}
