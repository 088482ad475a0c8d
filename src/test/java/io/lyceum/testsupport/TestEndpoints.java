package io.lyceum.testsupport;

import io.lyceum.shared.Ids;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Small endpoints that exist only in the test suite, to exercise the platform's conventions (validation, errors,
 * paging, idempotency) independently of any business module.
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden // test-only: the checked-in API document is the application's own
@RequestMapping("/api/v1/test")
public class TestEndpoints {

    public static final AtomicInteger NOTES_CREATED = new AtomicInteger();
    public static final AtomicInteger FAILURES_SERVED = new AtomicInteger();

    public record NewNote(
            @NotBlank @Size(max = 100) String title,
            @Min(1) @Max(10) int copies) {}

    public record Note(UUID id, String title, int copies, int sequence) {}

    @PostMapping("/notes")
    ResponseEntity<Note> create(@Valid @RequestBody NewNote body) throws InterruptedException {
        // long enough that parallel retries overlap the first request
        Thread.sleep(200);
        var note = new Note(Ids.newId(), body.title(), body.copies(), NOTES_CREATED.incrementAndGet());
        return ResponseEntity.created(URI.create("/api/v1/test/notes/" + note.id()))
                .body(note);
    }

    @PostMapping("/flaky")
    ResponseEntity<String> flaky() {
        if (FAILURES_SERVED.getAndIncrement() == 0) {
            throw new IllegalStateException("database password is hunter2");
        }
        return ResponseEntity.ok("{\"ok\":true}");
    }

    @GetMapping("/boom")
    String boom() {
        throw new IllegalStateException("database password is hunter2");
    }

    @GetMapping("/notes/{id}")
    Note get(@PathVariable UUID id) {
        return new Note(id, "note", 1, 0);
    }

    @GetMapping("/numbers")
    PageResponse<Integer> numbers(PageQuery query) {
        query.requireSortable(Set.of("value"));
        List<Integer> all = IntStream.range(0, 45).boxed().toList();
        List<Integer> page =
                all.stream().skip(query.offset()).limit(query.size()).toList();
        return PageResponse.of(page, query, all.size());
    }
}
