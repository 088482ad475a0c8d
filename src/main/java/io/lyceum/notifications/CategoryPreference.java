package io.lyceum.notifications;

/** A user's choice for one category: which channels, and whether its emails wait for the daily digest. */
record CategoryPreference(
        NotificationCategory category, boolean inApp, boolean email, boolean sms, boolean voice, boolean digest) {

    /** What a user who never chose gets; SMS only with a verified mobile number to send it to. */
    static CategoryPreference defaults(NotificationCategory category, boolean hasMobile) {
        return new CategoryPreference(
                category,
                category.defaults.contains(NotificationChannel.IN_APP),
                category.defaults.contains(NotificationChannel.EMAIL),
                hasMobile && category.defaults.contains(NotificationChannel.SMS),
                hasMobile && category.defaults.contains(NotificationChannel.VOICE),
                false);
    }

    boolean allows(NotificationChannel channel) {
        if (category.essential && (channel == NotificationChannel.IN_APP || channel == NotificationChannel.EMAIL)) {
            return true;
        }
        return switch (channel) {
            case IN_APP -> inApp;
            case EMAIL -> email;
            case SMS -> sms;
            case VOICE -> voice && category.voice;
        };
    }
}
