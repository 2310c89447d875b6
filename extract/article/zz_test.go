package article
import ("testing";"os";"strings")
func BenchmarkZZOne(b *testing.B) {
	var bodies [][]byte
	for _, f := range strings.Fields(os.Getenv("ZZ")) {
		body, _ := ReadMaybeGzip(f)
		bodies = append(bodies, body)
	}
	e, _ := New(DefaultOptions())
	b.ResetTimer()
	for b.Loop() { for _, body := range bodies { e.Extract(Input{Body: body}) } }
}
