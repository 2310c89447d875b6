package pipeline

import (
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress is the run's progress display: inputs done, rate and ETA.
type progress interface {
	Add(n int) error
	Finish() error
}

type noProgress struct{}

func (noProgress) Add(int) error { return nil }
func (noProgress) Finish() error { return nil }

// newProgress returns a progress bar over total inputs writing to w, or a
// no-op when w is nil (stderr is not a terminal, or CI is set).
func newProgress(w io.Writer, total int) progress {
	if w == nil {
		return noProgress{}
	}
	return progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("inputs"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("inputs"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}
