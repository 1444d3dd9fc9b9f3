package org.litmeter.cli;

import org.litmeter.detect.AlertText.Language;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --lang zh-CN|en}: the language of what a command writes for people; Chinese by default. */
final class LanguageOption {

  @Option(names = "--lang", defaultValue = "zh-CN", paramLabel = "zh-CN|en", converter = Tag.class,
      description = "Language for people: zh-CN (上架率, 点亮率, 占用率...) or en (default: ${DEFAULT-VALUE})")
  Language language;

  static final class Tag implements ITypeConverter<Language> {
    @Override
    public Language convert(String tag) {
      try {
        return Language.of(tag);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("--lang must be zh-CN or en, not " + tag);
      }
    }
  }
}
