package screen

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZShow(t *testing.T) {
	ix := NewIndex(realDatasets(t), DefaultOptions())
	for _, line := range strings.Split(os.Getenv("ZZQ"), ";") {
		parts := strings.SplitN(line, "|", 3)
		q := Query{Name: parts[0]}
		if len(parts) > 1 {
			q.Context = &Context{Text: parts[1]}
			if len(parts) > 2 {
				q.Context.Organizations = strings.Split(parts[2], ",")
			}
		}
		fmt.Println("==", parts[0])
		for _, h := range ix.Screen(q) {
			fmt.Printf("  %s %.3f %s %s | %s\n", h.Decision, h.Score, h.Designation.ID, h.Designation.Name, h.Explanation)
		}
	}
}
