package io.lyceum.accounts;

import static io.lyceum.accounts.UserStore.utc;

import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A user's mobile number and its verification (columns of {@code users}). */
@Repository
class MobileStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    MobileStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stores a number; a different number than the stored one starts unverified. */
    void setMobile(UUID userId, String mobile) {
        jdbc.sql("""
                UPDATE users SET mobile_verified_at = CASE WHEN mobile = :mobile THEN mobile_verified_at END,
                                 mobile = :mobile, updated_at = :now, version = version + 1
                 WHERE id = :id
                """)
                .param("mobile", mobile)
                .param("now", utc(clock.instant()))
                .param("id", userId)
                .update();
    }

    /** Marks the number verified if it is still the one the code was sent to; false otherwise. */
    boolean markVerified(UUID userId, String mobile) {
        return jdbc.sql("""
                UPDATE users SET mobile_verified_at = :now, updated_at = :now, version = version + 1
                 WHERE id = :id AND mobile = :mobile
                """)
                        .param("now", utc(clock.instant()))
                        .param("id", userId)
                        .param("mobile", mobile)
                        .update()
                == 1;
    }

    void clear(UUID userId) {
        jdbc.sql("""
                UPDATE users SET mobile = NULL, mobile_verified_at = NULL, updated_at = :now, version = version + 1
                 WHERE id = :id AND mobile IS NOT NULL
                """).param("now", utc(clock.instant())).param("id", userId).update();
    }
}
