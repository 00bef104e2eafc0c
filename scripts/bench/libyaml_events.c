/* Raw libyaml event parsing of a file, the floor for any libyaml-based decoder.
 * usage: libyaml_events FILE [RUNS]  -> prints the median milliseconds of RUNS parses. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <yaml.h>

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s FILE [RUNS]\n", argv[0]); return 64; }
    int runs = argc > 2 ? atoi(argv[2]) : 15;
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc(n);
    if (fread(buf, 1, n, f) != (size_t)n) { perror("read"); return 2; }
    fclose(f);
    double *t = malloc(sizeof(double) * runs);
    long events = 0;
    for (int r = 0; r < runs; r++) {
        double start = now_ms();
        yaml_parser_t p;
        yaml_event_t e;
        yaml_parser_initialize(&p);
        yaml_parser_set_input_string(&p, buf, n);
        events = 0;
        for (;;) {
            if (!yaml_parser_parse(&p, &e)) { fprintf(stderr, "parse error\n"); return 2; }
            int done = e.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&e);
            events++;
            if (done) break;
        }
        yaml_parser_delete(&p);
        t[r] = now_ms() - start;
    }
    if (runs == 0) return 0; /* baseline for instruction counts: read the file only */
    qsort(t, runs, sizeof(double), cmp);
    printf("%.3f\n", t[runs / 2]);
    fprintf(stderr, "libyaml: %ld events, median %.3f ms over %d runs\n", events, t[runs / 2], runs);
    return 0;
}
