package org.complaintledger.notification;

/** The languages messages are written in: Bahasa Indonesia by default, English on request. */
public enum Language {
    ID("id"),
    EN("en");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Language of(String code) {
        return code == null
                ? ID
                : switch (code) {
                    case "en" -> EN;
                    case "id" -> ID;
                    default -> throw new IllegalArgumentException("no language " + code);
                };
    }
}
