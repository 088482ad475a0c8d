package io.lyceum.scheduling;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.scheduling.LessonRoomService.Launch;
import io.lyceum.scheduling.LessonRoomService.Regenerated;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Scheduling: lesson rooms")
class LessonRoomController {

    private final LessonRoomService rooms;

    LessonRoomController(LessonRoomService rooms) {
        this.rooms = rooms;
    }

    @PostMapping("/api/v1/bookings/{id}/launch")
    @Operation(
            summary = "Open the lesson room",
            description = "The booking's tutor, student, or the guardian who booked it. Returns a personal join URL "
                    + "(the tutor joins as host). Only for a CONFIRMED booking (else 409 `booking.not_confirmed`), "
                    + "from `lyceum.scheduling.rooms.launch-lead-time` (15 minutes) before the start until the end "
                    + "(else 409 `booking.room_not_open`, naming the opening time). Anyone else gets 404. The room "
                    + "is made now if the booking has none yet; 503 `rooms.provider_unavailable` when the "
                    + "provider does not answer.")
    @ApiResponse(responseCode = "200", description = "The join URL and the room's opening hours")
    @ApiResponse(responseCode = "404", description = "No such booking, or not one of its participants")
    @ApiResponse(responseCode = "409", description = "Not confirmed, or the room is not open now")
    Launch launch(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return rooms.launch(user, id);
    }

    @PostMapping("/api/v1/bookings/{id}/regenerate-meeting")
    @PreAuthorize("hasAnyRole('TUTOR', 'ADMIN')")
    @Operation(
            summary = "Replace the lesson room",
            description = "The booking's tutor, or an admin. Makes a new room; links to the old one are no longer "
                    + "handed out (a replaced Zoom meeting is deleted). Recorded in the booking's history with the "
                    + "reason `meeting regenerated`. Only for a CONFIRMED booking that has not ended (409 "
                    + "`booking.not_confirmed`, `booking.lesson_ended`). Students and guardians get 403, other "
                    + "tutors 404.")
    @ApiResponse(responseCode = "200", description = "The room was replaced")
    @ApiResponse(responseCode = "403", description = "Not a tutor or admin")
    @ApiResponse(responseCode = "404", description = "No such booking, or another tutor's")
    @ApiResponse(responseCode = "409", description = "Not confirmed, or already over")
    Regenerated regenerate(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return rooms.regenerate(user, id);
    }
}
