package io.gantry.protocol.remoting;

/**
 * The language of the peer that sent a command. Written by name in JSON headers and as a byte
 * (the ordinal) in binary headers. Gantry always sends {@link #JAVA}.
 */
public enum LanguageCode {
    JAVA, CPP, DOTNET, PYTHON, DELPHI, ERLANG, RUBY, OTHER, HTTP, GO, PHP, OMS, RUST;

    private static final LanguageCode[] BY_CODE = values();

    /** The wire byte of this language. */
    public byte code() {
        return (byte) ordinal();
    }

    /** The language for a wire code; unknown codes map to {@link #OTHER} rather than failing. */
    public static LanguageCode fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : OTHER;
    }

    /** The language for a name; unknown names map to {@link #OTHER} (the official decoder does not fail either). */
    public static LanguageCode fromName(String name) {
        for (LanguageCode language : BY_CODE) {
            if (language.name().equals(name)) {
                return language;
            }
        }
        return OTHER;
    }
}
