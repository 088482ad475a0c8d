package io.lyceum.catalog;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.catalog.StudentNotes.Note;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tutor/student-notes")
@PreAuthorize("hasRole('TUTOR')")
@Tag(name = "Catalog: tutor notes on students")
class StudentNoteController {

    private final StudentNotes notes;

    StudentNoteController(StudentNotes notes) {
        this.notes = notes;
    }

    record NoteBody(@NotBlank @Size(max = 10_000) String body) {}

    @GetMapping
    @Operation(
            summary = "My notes on students",
            description = "TUTOR. The caller's private notes, most recently edited first, paged.")
    PageResponse<Note> list(@AuthenticationPrincipal CurrentUser tutor, @Parameter(hidden = true) PageQuery page) {
        return notes.list(tutor, page.requireSortable(Set.of()));
    }

    @GetMapping("/{studentId}")
    @Operation(
            summary = "My note on a student",
            description = "TUTOR. 404 `note.not_found` when the caller has no note on this student.")
    Note get(@AuthenticationPrincipal CurrentUser tutor, @PathVariable UUID studentId) {
        return notes.get(tutor, studentId);
    }

    @PutMapping("/{studentId}")
    @Operation(
            summary = "Write my note on a student",
            description = "TUTOR, about a student they have taught (a completed lesson): 404 `student.not_found` "
                    + "otherwise. Creates the note (201) or replaces its text (200). Body {body}, 1 to 10,000 "
                    + "characters. Only the writing tutor ever reads it.")
    ResponseEntity<Note> put(
            @AuthenticationPrincipal CurrentUser tutor,
            @PathVariable UUID studentId,
            @Valid @RequestBody NoteBody body) {
        StudentNotes.Saved saved = notes.put(tutor, studentId, body.body());
        return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(saved.note());
    }

    @DeleteMapping("/{studentId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete my note on a student", description = "TUTOR. 404 `note.not_found` when none.")
    void delete(@AuthenticationPrincipal CurrentUser tutor, @PathVariable UUID studentId) {
        notes.delete(tutor, studentId);
    }
}
