package io.lyceum.catalog;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.TutorId;
import java.util.List;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The catalog's routes for the agents' tools: the controllers' own methods, called through their security proxies. */
@Service
class CatalogToolsFacade implements CatalogToolsApi {

    /** Subjects matched against a sentence: the first page of active ones, at the paging cap. */
    private final TutorSearchController search;

    private final PublicTutorController profiles;
    private final AdminTutorController approvals;
    private final SubjectCatalog subjectCatalog;

    private final JsonMapper json;

    CatalogToolsFacade(
            TutorSearchController search,
            PublicTutorController profiles,
            AdminTutorController approvals,
            SubjectCatalog subjectCatalog,
            JsonMapper json) {
        this.json = json;
        this.search = search;
        this.profiles = profiles;
        this.approvals = approvals;
        this.subjectCatalog = subjectCatalog;
    }

    @Override
    public JsonNode searchTutors(CurrentUser viewer, TutorFilters f, PageQuery page) {
        return json.valueToTree(search.search(
                        page,
                        f.subjectId(),
                        f.level(),
                        f.minPrice(),
                        f.maxPrice(),
                        f.currency(),
                        f.language(),
                        f.teachingMode(),
                        f.minRating(),
                        f.q(),
                        f.freeFrom(),
                        f.freeTo(),
                        f.displayCurrency(),
                        viewer,
                        null)
                .getBody());
    }

    @Override
    public JsonNode tutorProfile(TutorId tutorId) {
        return json.valueToTree(profiles.profile(tutorId.value(), null).getBody());
    }

    @Override
    public JsonNode approvalQueue(PageQuery page) {
        return json.valueToTree(approvals.pending(page));
    }

    @Override
    public List<SubjectName> subjectsNamedIn(String text) {
        return subjectCatalog.subjectsNamedIn(text).stream()
                .map(s -> new SubjectName(
                        s.id(), s.name(), s.levels().stream().map(Enum::name).toList()))
                .toList();
    }
}
