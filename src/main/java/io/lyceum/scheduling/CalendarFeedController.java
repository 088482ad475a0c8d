package io.lyceum.scheduling;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.scheduling.CalendarFeeds.FeedView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@Tag(name = "Scheduling: calendar")
class CalendarFeedController {

    static final MediaType TEXT_CALENDAR = MediaType.parseMediaType("text/calendar;charset=UTF-8");

    private final CalendarFeeds feeds;

    CalendarFeedController(CalendarFeeds feeds) {
        this.feeds = feeds;
    }

    private static String baseUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    @GetMapping("/api/v1/calendar/feed")
    @Operation(
            summary = "My calendar feed",
            description = "Any signed-in user. When there is no live feed, issues one and answers 201 with its "
                    + "secret `url` (…/api/v1/calendar/{token}.ics) to subscribe to in any calendar app. The token "
                    + "is stored hashed, so the address is shown only this once: later calls answer 200 with the "
                    + "feed's dates and no `url`; rotate to get a new address.")
    @ApiResponse(responseCode = "201", description = "A feed was issued; `url` is its address")
    @ApiResponse(responseCode = "200", description = "A feed is live; its address was shown when it was issued")
    ResponseEntity<FeedView> feed(@AuthenticationPrincipal CurrentUser user) {
        FeedView view = feeds.show(user, baseUrl());
        return ResponseEntity.status(view.url() == null ? HttpStatus.OK : HttpStatus.CREATED)
                .body(view);
    }

    @PostMapping("/api/v1/calendar/feed/rotate")
    @Operation(
            summary = "Rotate my calendar feed",
            description = "Revokes the live feed (its address answers 404 from now on) and issues a new one.")
    FeedView rotate(@AuthenticationPrincipal CurrentUser user) {
        return feeds.rotate(user, baseUrl());
    }

    @DeleteMapping("/api/v1/calendar/feed")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke my calendar feed", description = "Its address answers 404 from now on. Idempotent.")
    void revoke(@AuthenticationPrincipal CurrentUser user) {
        feeds.revoke(user);
    }

    @GetMapping(value = "/api/v1/calendar/{token}.ics")
    @Operation(
            summary = "A calendar feed (iCalendar)",
            description = "Public: the secret token is the credential and names the tenant. `text/calendar` with the "
                    + "user's lessons (as tutor, student, or the guardian who booked) from 30 days ago on: "
                    + "requested (TENTATIVE), confirmed and past lessons (CONFIRMED), and cancelled or declined "
                    + "ones as STATUS:CANCELLED so subscribed calendars drop them. A wrong or revoked token is 404.")
    @ApiResponse(responseCode = "200", description = "The iCalendar document")
    @ApiResponse(responseCode = "404", description = "No such feed: `calendar.feed_not_found`")
    ResponseEntity<String> ics(@PathVariable String token) {
        String body = feeds.render(token);
        return ResponseEntity.ok()
                .contentType(TEXT_CALENDAR)
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePrivate())
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"lyceum.ics\"")
                .body(body);
    }
}
